{{ vault_hub(
    hash_key='part_hk',
    business_key='part_id',
    sources=[
        ref('hashed_parts'),
        ref('hashed_part_suppliers'),
        ref('hashed_line_items')
    ]
) }}
