{{
    config(
        materialized='incremental',
        incremental_strategy='merge',
        unique_key=['order_id'],
        on_schema_change='append_new_columns',
        meta={'test_window': {'loaded': 'last_load_date'}}
    )
}}

{{ cdc_current_state(
    base_relation=ref('stg_tpch__orders'),
    events_relation=ref('stg_cdc__order_events'),
    key_columns=['order_id'],
    columns=[
        'customer_id',
        'order_status',
        'total_price',
        'order_date',
        'order_priority',
        'clerk',
        'ship_priority',
        'order_comment'
    ]
) }}
