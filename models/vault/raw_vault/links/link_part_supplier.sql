{{ vault_link(
    hash_key='part_supplier_hk',
    references=[
        ('part_hk', 'part_id'),
        ('supplier_hk', 'supplier_id')
    ],
    sources=[
        vault_source('partsupp')
    ]
) }}
