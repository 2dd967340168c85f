{{ vault_satellite(
    source=ref('hashed_part_suppliers'),
    hash_key='part_supplier_hk',
    hashdiff='part_supplier_effectivity_hashdiff',
    payload=[
        'is_active'
    ]
) }}
