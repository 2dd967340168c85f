{{ vault_satellite(
    source=ref('hashed_customers'),
    hash_key='customer_hk',
    hashdiff='customer_status_hashdiff',
    payload=[
        'is_deleted'
    ]
) }}
