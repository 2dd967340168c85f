{{ vault_satellite(
    source=ref('hashed_orders'),
    hash_key='order_hk',
    hashdiff='order_details_hashdiff',
    payload=[
        'order_status',
        'total_price',
        'order_date',
        'order_priority',
        'clerk',
        'ship_priority',
        'order_comment'
    ],
    where="operation <> 'd'"
) }}
