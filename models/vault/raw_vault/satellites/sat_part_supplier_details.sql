{{ vault_satellite(
    source=ref('hashed_part_suppliers'),
    hash_key='part_supplier_hk',
    hashdiff='part_supplier_details_hashdiff',
    payload=[
        'available_quantity',
        'supply_cost',
        'part_supplier_comment'
    ]
) }}
