{{ vault_satellite(
    source=ref('hashed_parts'),
    hash_key='part_hk',
    hashdiff='part_details_hashdiff',
    payload=[
        'part_name',
        'manufacturer',
        'brand',
        'part_type',
        'size',
        'container',
        'retail_price',
        'part_comment'
    ],
    where="operation <> 'd'"
) }}
