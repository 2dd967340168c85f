{{
    config(
        materialized='materialized_view',
        refresh_key='order_date_key',
        refresh_source='fct_orders'
    )
}}

with

orders as (
    select * from {{ ref('fct_orders') }}
    where not is_deleted
),

customers as (
    select
        customer_key,
        customer_durable_key
    from {{ ref('dim_customer') }}
),

dates as (
    select
        date_key,
        full_date
    from {{ ref('dim_date') }}
),

daily_revenue as (
    select
        orders.order_date_key,
        dates.full_date as order_date,
        sum(orders.net_amount) as net_revenue,
        count(*) as order_count,
        count(distinct customers.customer_durable_key) as customer_count,
        max(orders.loaded_at) as loaded_at
    from orders
    inner join dates
        on orders.order_date_key = dates.date_key
    inner join customers
        on orders.customer_key = customers.customer_key
    group by orders.order_date_key, dates.full_date
)

select * from daily_revenue
