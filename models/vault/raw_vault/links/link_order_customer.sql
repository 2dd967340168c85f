{{ vault_link(
    hash_key='order_customer_hk',
    hub_keys=['order_hk', 'customer_hk'],
    sources=[
        ref('hashed_orders')
    ]
) }}
