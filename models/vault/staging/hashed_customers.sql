{{ vault_stage(
    base=ref('stg_tpch__customers'),
    cdc=ref('stg_cdc__customer_events'),
    record_source='customer',
    derived_columns={'is_deleted': "operation = 'd'"},
    hash_keys={
        'customer_hk': ['customer_id'],
        'nation_hk': ['nation_id'],
        'customer_nation_hk': ['customer_id', 'nation_id']
    },
    hashdiffs={
        'customer_details_hashdiff': [
            'customer_name', 'address', 'nation_id', 'phone', 'account_balance',
            'market_segment', 'customer_comment'
        ],
        'customer_status_hashdiff': ['is_deleted']
    }
) }}
