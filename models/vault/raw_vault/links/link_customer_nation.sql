{{ vault_link(
    hash_key='customer_nation_hk',
    references=[
        ('customer_hk', 'customer_id'),
        ('nation_hk', 'nation_id')
    ],
    sources=[
        vault_source('customer'),
        vault_source('customer', cdc=true)
    ]
) }}
