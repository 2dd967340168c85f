{{
    config(
        materialized='incremental',
        incremental_strategy='merge',
        unique_key=['customer_id'],
        on_schema_change='append_new_columns',
        meta={'test_window': {'loaded': 'last_load_date'}}
    )
}}

{{ cdc_current_state(
    base_relation=ref('stg_tpch__customers'),
    events_relation=ref('stg_cdc__customer_events'),
    key_columns=['customer_id'],
    columns=[
        'customer_name',
        'address',
        'nation_id',
        'phone',
        'account_balance',
        'market_segment',
        'customer_comment'
    ]
) }}
