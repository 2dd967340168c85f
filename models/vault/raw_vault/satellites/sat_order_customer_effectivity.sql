{{ vault_satellite(
    source=ref('hashed_orders'),
    hash_key='order_customer_hk',
    hashdiff='order_customer_effectivity_hashdiff',
    payload=[
        'is_active'
    ]
) }}
