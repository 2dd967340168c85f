{{ vault_satellite(
    source=ref('hashed_nations'),
    hash_key='nation_hk',
    hashdiff='nation_details_hashdiff',
    payload=[
        'nation_name',
        'nation_comment'
    ]
) }}
