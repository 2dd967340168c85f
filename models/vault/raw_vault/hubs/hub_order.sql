{{ vault_hub(
    hash_key='order_hk',
    business_key='order_id',
    sources=[
        ref('hashed_orders'),
        ref('hashed_line_items')
    ]
) }}
