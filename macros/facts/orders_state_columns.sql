{% macro orders_state_columns() -%}
    {#- The order attributes orders_current_state carries (after the key columns, before
        is_deleted, deleted_at, updated_at, last_lsn, last_load_date). A list of names. -#}
    {{ return([
        'customer_id',
        'order_status',
        'total_price',
        'order_date',
        'order_priority',
        'clerk',
        'ship_priority',
        'order_comment'
    ]) }}
{%- endmacro %}
