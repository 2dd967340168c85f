{{
    config(
        materialized='incremental',
        incremental_strategy='merge',
        unique_key=['supplier_id'],
        on_schema_change='append_new_columns',
        meta={'test_window': {'loaded': 'last_load_date'}}
    )
}}

{{ cdc_current_state(
    base_relation=ref('stg_tpch__suppliers'),
    events_relation=ref('stg_cdc__supplier_events'),
    key_columns=['supplier_id'],
    columns=[
        'supplier_name',
        'address',
        'nation_id',
        'phone',
        'account_balance',
        'supplier_comment'
    ]
) }}
