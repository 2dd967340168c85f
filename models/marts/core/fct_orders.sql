{{
    config(
        materialized='incremental',
        incremental_strategy='merge',
        unique_key='order_id',
        on_schema_change='append_new_columns',
        meta={'test_window': {'loaded': 'last_load_date'}}
    )
}}

with

orders as (
    select * from {{ ref('int_orders_current') }}
),

order_lines as (
    select * from {{ ref('fct_order_lines') }}
),

changed_orders as (
    -- Full build: every order. Incremental: orders whose header or lines changed within
    -- the lookback window.
    select orders.*
    from orders
    {%- if is_incremental() %}
        where
            orders.last_load_date >= {{ incremental_cutoff() }}
            or orders.order_id in (
                select order_lines.order_id
                from order_lines
                where order_lines.last_load_date >= {{ incremental_cutoff() }}
            )
    {%- endif %}
),

orders_enriched as (
    {{ fct_orders_rows('changed_orders', 'order_lines', only_these_orders=is_incremental()) }}
)

select * from orders_enriched
