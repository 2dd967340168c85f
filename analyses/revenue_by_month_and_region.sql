-- Example BI query on the star schema: net revenue, orders and customers per order month
-- and customer region. `dbt compile -s revenue_by_month_and_region` renders it.
with

order_lines as (
    select * from {{ ref('fct_order_lines') }}
),

order_dates as (
    select * from {{ ref('dim_date') }}
),

customers as (
    select * from {{ ref('dim_customer') }}
),

revenue as (
    select
        order_dates.year,
        order_dates.month,
        customers.region_name,
        sum(order_lines.net_amount) as net_revenue,
        count(distinct order_lines.order_id) as orders,
        count(distinct order_lines.customer_key) as customers
    from order_lines
    inner join order_dates
        on order_lines.order_date_key = order_dates.date_key
    inner join customers
        on order_lines.customer_key = customers.customer_key
    group by order_dates.year, order_dates.month, customers.region_name
)

select * from revenue
