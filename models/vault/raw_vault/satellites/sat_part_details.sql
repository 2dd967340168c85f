{{ vault_satellite(
    hash_key='part_hk',
    key_columns=['part_id'],
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
    sources=[
        vault_source('part'),
        vault_source('part', cdc=true, where="operation <> 'd'")
    ]
) }}
