{{ vault_satellite(
    hash_key='region_hk',
    key_columns=['region_id'],
    payload=[
        'region_name',
        'region_comment'
    ],
    sources=[
        vault_source('region')
    ]
) }}
