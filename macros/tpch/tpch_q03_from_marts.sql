{% macro tpch_q03_from_marts(ordered=true) -%}
with

order_lines as (
    select * from {{ ref('fct_order_lines') }}
),

orders as (
    select * from {{ ref('fct_orders') }}
),

customers as (
    select * from {{ ref('dim_customer') }}
),

order_dates as (
    select * from {{ ref('dim_date') }}
),

ship_dates as (
    select * from {{ ref('dim_date') }}
),

mart_answer as (
    select
        order_lines.order_id,
        sum(order_lines.net_amount) as revenue,
        order_dates.full_date as order_date,
        orders.ship_priority
    from order_lines
    inner join orders
        on order_lines.order_id = orders.order_id
    inner join customers
        on order_lines.customer_key = customers.customer_key
    inner join order_dates
        on order_lines.order_date_key = order_dates.date_key
    inner join ship_dates
        on order_lines.ship_date_key = ship_dates.date_key
    where
        customers.market_segment = 'BUILDING'
        and order_dates.full_date < cast('1995-03-15' as date)
        and ship_dates.full_date > cast('1995-03-15' as date)
    group by order_lines.order_id, order_dates.full_date, orders.ship_priority
)

select * from mart_answer
{%- if ordered %}
order by revenue desc, order_date
limit 10
{%- endif %}
{%- endmacro %}
