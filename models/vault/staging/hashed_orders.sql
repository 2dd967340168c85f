{{ vault_stage(
    base=ref('stg_tpch__orders'),
    cdc=ref('stg_cdc__order_events'),
    record_source='orders',
    derived_columns={'is_active': "operation <> 'd'"},
    hash_keys={
        'order_hk': ['order_id'],
        'customer_hk': ['customer_id'],
        'order_customer_hk': ['order_id', 'customer_id']
    },
    hashdiffs={
        'order_details_hashdiff': [
            'order_status', 'total_price', 'order_date', 'order_priority', 'clerk',
            'ship_priority', 'order_comment'
        ],
        'order_customer_effectivity_hashdiff': ['is_active']
    }
) }}
