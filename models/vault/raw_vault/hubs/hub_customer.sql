{{ vault_hub(
    hash_key='customer_hk',
    business_key='customer_id',
    sources=[
        vault_source('customer'),
        vault_source('customer', cdc=true),
        vault_source('orders'),
        vault_source('orders', cdc=true)
    ]
) }}
