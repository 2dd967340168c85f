{{ vault_satellite(
    source=ref('hashed_regions'),
    hash_key='region_hk',
    hashdiff='region_details_hashdiff',
    payload=[
        'region_name',
        'region_comment'
    ]
) }}
