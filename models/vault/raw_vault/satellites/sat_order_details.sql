{{ vault_satellite(
    hash_key='order_hk',
    key_columns=['order_id'],
    payload=[
        'order_status',
        'total_price',
        'order_date',
        'order_priority',
        'clerk',
        'ship_priority',
        'order_comment'
    ],
    sources=[
        vault_source('orders'),
        vault_source('orders', cdc=true, where="operation <> 'd'")
    ]
) }}
