{{ vault_hub(
    hash_key='customer_hk',
    business_key='customer_id',
    sources=[
        ref('hashed_customers'),
        ref('hashed_orders')
    ]
) }}
