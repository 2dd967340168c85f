{{ vault_hub(
    hash_key='region_hk',
    business_key='region_id',
    sources=[
        ref('hashed_regions'),
        ref('hashed_nations')
    ]
) }}
