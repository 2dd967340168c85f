{% macro tpch_q18_from_marts(ordered=true) -%}
with

orders as (
    select * from {{ ref('fct_orders') }}
),

customers as (
    select * from {{ ref('dim_customer') }}
),

order_dates as (
    select * from {{ ref('dim_date') }}
),

mart_answer as (
    select
        customers.customer_name,
        customers.customer_id,
        orders.order_id,
        order_dates.full_date as order_date,
        orders.total_price,
        orders.total_quantity
    from orders
    inner join customers
        on orders.customer_key = customers.customer_key
    inner join order_dates
        on orders.order_date_key = order_dates.date_key
    where
        orders.total_quantity > 300
        and order_dates.full_date <= cast('{{ var("tpch_last_order_date") }}' as date)
)

select * from mart_answer
{%- if ordered %}
order by total_price desc, order_date
limit 100
{%- endif %}
{%- endmacro %}
