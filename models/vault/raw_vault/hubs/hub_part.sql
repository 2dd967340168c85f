{{ vault_hub(
    hash_key='part_hk',
    business_key='part_id',
    sources=[
        vault_source('part'),
        vault_source('part', cdc=true),
        vault_source('partsupp'),
        vault_source('lineitem'),
        vault_source('lineitem', cdc=true)
    ]
) }}
