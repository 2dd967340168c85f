{{ vault_stage(
    base=ref('stg_tpch__part_suppliers'),
    cdc=ref('stg_cdc__part_supplier_events'),
    record_source='partsupp',
    derived_columns={'is_active': "operation <> 'd'"},
    hash_keys={
        'part_hk': ['part_id'],
        'supplier_hk': ['supplier_id'],
        'part_supplier_hk': ['part_id', 'supplier_id']
    },
    hashdiffs={
        'part_supplier_details_hashdiff': ['available_quantity', 'supply_cost', 'part_supplier_comment'],
        'part_supplier_effectivity_hashdiff': ['is_active']
    }
) }}
