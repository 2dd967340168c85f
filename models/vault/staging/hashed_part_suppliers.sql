{{ vault_stage(
    base=ref('stg_tpch__part_suppliers'),
    record_source='partsupp',
    hash_keys={
        'part_hk': ['part_id'],
        'supplier_hk': ['supplier_id'],
        'part_supplier_hk': ['part_id', 'supplier_id']
    },
    hashdiffs={
        'part_supplier_details_hashdiff': ['available_quantity', 'supply_cost', 'part_supplier_comment']
    }
) }}
