{{ vault_hub(
    hash_key='supplier_hk',
    business_key='supplier_id',
    sources=[
        ref('hashed_suppliers'),
        ref('hashed_part_suppliers'),
        ref('hashed_line_items')
    ]
) }}
