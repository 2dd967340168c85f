{{ vault_stage(
    base=ref('stg_tpch__suppliers'),
    cdc=ref('stg_cdc__supplier_events'),
    record_source='supplier',
    derived_columns={'is_deleted': "operation = 'd'"},
    hash_keys={
        'supplier_hk': ['supplier_id'],
        'nation_hk': ['nation_id'],
        'supplier_nation_hk': ['supplier_id', 'nation_id']
    },
    hashdiffs={
        'supplier_details_hashdiff': [
            'supplier_name', 'address', 'nation_id', 'phone', 'account_balance',
            'supplier_comment'
        ],
        'supplier_status_hashdiff': ['is_deleted']
    }
) }}
