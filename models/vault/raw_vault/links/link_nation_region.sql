{{ vault_link(
    hash_key='nation_region_hk',
    hub_keys=['nation_hk', 'region_hk'],
    sources=[
        ref('hashed_nations')
    ]
) }}
