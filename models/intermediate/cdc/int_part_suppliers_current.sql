{{
    config(
        materialized='incremental',
        incremental_strategy='merge',
        unique_key=['part_id', 'supplier_id'],
        on_schema_change='append_new_columns',
        meta={'test_window': {'loaded': 'last_load_date'}}
    )
}}

{{ cdc_current_state(
    base_relation=ref('stg_tpch__part_suppliers'),
    events_relation=ref('stg_cdc__part_supplier_events'),
    key_columns=['part_id', 'supplier_id'],
    columns=[
        'available_quantity',
        'supply_cost',
        'part_supplier_comment'
    ]
) }}
