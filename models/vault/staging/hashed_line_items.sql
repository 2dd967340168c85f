{{ vault_stage(
    base=ref('stg_tpch__line_items'),
    cdc=ref('stg_cdc__line_item_events'),
    record_source='lineitem',
    derived_columns={'is_active': "operation <> 'd'"},
    hash_keys={
        'order_hk': ['order_id'],
        'part_hk': ['part_id'],
        'supplier_hk': ['supplier_id'],
        'order_line_hk': ['order_id', 'part_id', 'supplier_id', 'line_number']
    },
    hashdiffs={
        'order_line_details_hashdiff': [
            'quantity', 'extended_price', 'discount_rate', 'tax_rate', 'return_flag',
            'line_status', 'ship_date', 'commit_date', 'receipt_date', 'ship_instruction',
            'ship_mode', 'line_comment'
        ],
        'order_line_effectivity_hashdiff': ['is_active']
    }
) }}
