{{ vault_stage(
    base=ref('stg_tpch__parts'),
    cdc=ref('stg_cdc__part_events'),
    record_source='part',
    derived_columns={'is_deleted': "operation = 'd'"},
    hash_keys={
        'part_hk': ['part_id']
    },
    hashdiffs={
        'part_details_hashdiff': [
            'part_name', 'manufacturer', 'brand', 'part_type', 'size', 'container',
            'retail_price', 'part_comment'
        ],
        'part_status_hashdiff': ['is_deleted']
    }
) }}
