{{ vault_satellite(
    source=ref('hashed_customers'),
    hash_key='customer_hk',
    hashdiff='customer_details_hashdiff',
    payload=[
        'customer_name',
        'address',
        'nation_id',
        'phone',
        'account_balance',
        'market_segment',
        'customer_comment'
    ],
    where="operation <> 'd'"
) }}
