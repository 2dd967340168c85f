{{
    config(
        materialized='incremental',
        incremental_strategy='merge',
        unique_key=['order_id', 'line_number'],
        on_schema_change='append_new_columns',
        meta={'test_window': {'loaded': 'last_load_date'}}
    )
}}

{{ cdc_current_state(
    base_relation=ref('stg_tpch__line_items'),
    events_relation=ref('stg_cdc__line_item_events'),
    key_columns=['order_id', 'line_number'],
    columns=[
        'part_id',
        'supplier_id',
        'quantity',
        'extended_price',
        'discount_rate',
        'tax_rate',
        'return_flag',
        'line_status',
        'ship_date',
        'commit_date',
        'receipt_date',
        'ship_instruction',
        'ship_mode',
        'line_comment'
    ]
) }}
