{{ vault_link(
    hash_key='nation_region_hk',
    references=[
        ('nation_hk', 'nation_id'),
        ('region_hk', 'region_id')
    ],
    sources=[
        vault_source('nation')
    ]
) }}
