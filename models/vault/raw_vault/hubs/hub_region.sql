{{ vault_hub(
    hash_key='region_hk',
    business_key='region_id',
    sources=[
        vault_source('region'),
        vault_source('nation')
    ]
) }}
