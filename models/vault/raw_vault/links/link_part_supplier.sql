{{ vault_link(
    hash_key='part_supplier_hk',
    hub_keys=['part_hk', 'supplier_hk'],
    sources=[
        ref('hashed_part_suppliers')
    ]
) }}
