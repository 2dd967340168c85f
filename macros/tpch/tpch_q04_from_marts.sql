{% macro tpch_q04_from_marts(ordered=true) -%}
with

orders as (
    select * from {{ ref('fct_orders') }}
),

order_lines as (
    select * from {{ ref('fct_order_lines') }}
),

order_dates as (
    select * from {{ ref('dim_date') }}
),

mart_answer as (
    select
        orders.order_priority,
        count(*) as order_count
    from orders
    inner join order_dates
        on orders.order_date_key = order_dates.date_key
    where
        order_dates.year = 1993
        and order_dates.quarter = 3
        and exists (
            select 1
            from order_lines
            where
                order_lines.order_id = orders.order_id
                and order_lines.commit_date_key < order_lines.receipt_date_key
        )
    group by orders.order_priority
)

select * from mart_answer
{%- if ordered %}
order by order_priority
{%- endif %}
{%- endmacro %}
