{{
    config(
        materialized='incremental',
        incremental_strategy='merge',
        unique_key=['order_id', 'line_number'],
        on_schema_change='append_new_columns',
        meta={'test_window': {'loaded': 'last_load_date'}}
    )
}}

with

line_items as (
    select * from {{ ref('int_line_items_current') }}
),

orders as (
    select * from {{ ref('int_orders_current') }}
),

changed_lines as (
    -- Full build: every line. Incremental: lines (or their order header) whose latest
    -- change arrived within the lookback window.
    select line_items.*
    from line_items
    {%- if is_incremental() %}
        where
            line_items.last_load_date >= {{ incremental_cutoff() }}
            or line_items.order_id in (
                select orders.order_id
                from orders
                where orders.last_load_date >= {{ incremental_cutoff() }}
            )
    {%- endif %}
),

order_lines as (
    {{ fct_order_lines_rows('changed_lines', 'orders') }}
)

select * from order_lines
