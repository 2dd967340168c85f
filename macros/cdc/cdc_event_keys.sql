{% macro cdc_event_keys() -%}
    {#- Per CDC source table: the base-extract staging model and the business-key columns of
        both (the same names), as {table: {'base': model, 'keys': [columns]}}; used to find
        deletes of keys that never existed (int_cdc_events_quarantined). -#}
    {{ return({
        'customer': {'base': 'stg_tpch__customers', 'keys': ['customer_id']},
        'part': {'base': 'stg_tpch__parts', 'keys': ['part_id']},
        'supplier': {'base': 'stg_tpch__suppliers', 'keys': ['supplier_id']},
        'partsupp': {'base': 'stg_tpch__part_suppliers', 'keys': ['part_id', 'supplier_id']},
        'orders': {'base': 'stg_tpch__orders', 'keys': ['order_id']},
        'lineitem': {'base': 'stg_tpch__line_items', 'keys': ['order_id', 'line_number']},
    }) }}
{%- endmacro %}
