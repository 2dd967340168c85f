{{
    config(
        materialized='materialized_view',
        refresh_key='customer_id',
        refresh_source='fct_orders',
        refresh_source_key='customer_key',
        refresh_key_map={'model': 'dim_customer', 'source_column': 'customer_key', 'key_column': 'customer_id'}
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
        customer_id,
        customer_durable_key
    from {{ ref('dim_customer') }}
),

dates as (
    select
        date_key,
        full_date
    from {{ ref('dim_date') }}
),

lifetime_value as (
    select
        customers.customer_id,
        customers.customer_durable_key,
        count(*) as order_count,
        sum(orders.net_amount) as lifetime_net_revenue,
        min(dates.full_date) as first_order_date,
        max(dates.full_date) as last_order_date,
        max(orders.loaded_at) as loaded_at
    from orders
    inner join customers
        on orders.customer_key = customers.customer_key
    inner join dates
        on orders.order_date_key = dates.date_key
    group by customers.customer_id, customers.customer_durable_key
)

select * from lifetime_value
