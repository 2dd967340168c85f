{{ vault_satellite(
    hash_key='customer_hk',
    key_columns=['customer_id'],
    payload=[
        'is_deleted'
    ],
    sources=[
        vault_source('customer', columns={'is_deleted': 'false'}),
        vault_source('customer', cdc=true, columns={'is_deleted': "operation = 'd'"})
    ]
) }}
