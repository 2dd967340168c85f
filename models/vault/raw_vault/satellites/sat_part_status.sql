{{ vault_satellite(
    source=ref('hashed_parts'),
    hash_key='part_hk',
    hashdiff='part_status_hashdiff',
    payload=[
        'is_deleted'
    ]
) }}
