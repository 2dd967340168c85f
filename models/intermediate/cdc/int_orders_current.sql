{{
    config(
        materialized='incremental',
        incremental_strategy='merge',
        unique_key=['order_id'],
        on_schema_change='append_new_columns',
        meta={'test_window': {'loaded': 'last_load_date'}}
    )
}}

{{ orders_current_state() }}
