{{ vault_link(
    hash_key='supplier_nation_hk',
    hub_keys=['supplier_hk', 'nation_hk'],
    sources=[
        ref('hashed_suppliers')
    ]
) }}
