{{
    config(
        materialized='incremental',
        incremental_strategy='merge',
        unique_key=['part_id'],
        on_schema_change='append_new_columns',
        meta={'test_window': {'loaded': 'last_load_date'}}
    )
}}

{{ cdc_current_state(
    base_relation=ref('stg_tpch__parts'),
    events_relation=ref('stg_cdc__part_events'),
    key_columns=['part_id'],
    columns=[
        'part_name',
        'manufacturer',
        'brand',
        'part_type',
        'size',
        'container',
        'retail_price',
        'part_comment'
    ]
) }}
