{{ vault_satellite(
    hash_key='order_customer_hk',
    key_columns=['order_id', 'customer_id'],
    payload=[
        'is_active'
    ],
    sources=[
        vault_source('orders', columns={'is_active': 'true'}),
        vault_source('orders', cdc=true, columns={'is_active': "operation <> 'd'"})
    ]
) }}
