{% macro cdc_event_models() -%}
    {#- The CDC source tables and their staging models, as (source table, model name) pairs:
        the one list the quarantine model and the CDC reconciliation test iterate over. -#}
    {{ return([
        ('customer', 'stg_cdc__customer_events'),
        ('part', 'stg_cdc__part_events'),
        ('supplier', 'stg_cdc__supplier_events'),
        ('partsupp', 'stg_cdc__part_supplier_events'),
        ('orders', 'stg_cdc__order_events'),
        ('lineitem', 'stg_cdc__line_item_events'),
    ]) }}
{%- endmacro %}
