{% macro orders_current_state(changed_after=none, events=none) -%}
    {#- The current state of the orders (key order_id): stg_tpch__orders overlaid with
        stg_cdc__order_events (cdc_current_state). One definition for int_orders_current (the batch)
        and the speed layer's live views (changed_after: only the keys with events delivered
        after that date, recomputed from all their events; events: a relation or CTE with the
        columns of stg_cdc__order_events to read instead, such as the staged history plus the
        lines landed since). -#}
    {{ cdc_current_state(
        base_relation=ref('stg_tpch__orders'),
        events_relation=events if events is not none else ref('stg_cdc__order_events'),
        key_columns=['order_id'],
        columns=orders_state_columns(),
        changed_after=changed_after
    ) }}
{%- endmacro %}
