{{ vault_satellite(
    hash_key='customer_hk',
    key_columns=['customer_id'],
    payload=[
        'customer_name',
        'address',
        'nation_id',
        'phone',
        'account_balance',
        'market_segment',
        'customer_comment'
    ],
    sources=[
        vault_source('customer'),
        vault_source('customer', cdc=true, where="operation <> 'd'")
    ]
) }}
