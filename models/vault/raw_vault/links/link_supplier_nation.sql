{{ vault_link(
    hash_key='supplier_nation_hk',
    references=[
        ('supplier_hk', 'supplier_id'),
        ('nation_hk', 'nation_id')
    ],
    sources=[
        vault_source('supplier'),
        vault_source('supplier', cdc=true)
    ]
) }}
