{{ vault_hub(
    hash_key='order_hk',
    business_key='order_id',
    sources=[
        vault_source('orders'),
        vault_source('orders', cdc=true),
        vault_source('lineitem'),
        vault_source('lineitem', cdc=true)
    ]
) }}
