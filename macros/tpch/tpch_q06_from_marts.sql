{% macro tpch_q06_from_marts(ordered=true) -%}
with

order_lines as (
    select * from {{ ref('fct_order_lines') }}
),

ship_dates as (
    select * from {{ ref('dim_date') }}
),

mart_answer as (
    select sum(order_lines.discount_amount) as revenue
    from order_lines
    inner join ship_dates
        on order_lines.ship_date_key = ship_dates.date_key
    where
        ship_dates.year = 1994
        and order_lines.discount_rate between 0.05 and 0.07
        and order_lines.quantity < 24
)

select * from mart_answer
{%- endmacro %}
