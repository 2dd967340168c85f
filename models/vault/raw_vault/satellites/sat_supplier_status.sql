{{ vault_satellite(
    source=ref('hashed_suppliers'),
    hash_key='supplier_hk',
    hashdiff='supplier_status_hashdiff',
    payload=[
        'is_deleted'
    ]
) }}
