-- TPC-H Q3 (shipping priority), validation parameters SEGMENT = BUILDING, DATE = 1995-03-15.
-- Compared without Q3's LIMIT 10: every qualifying order must match, not only the top ten.
with

raw_answer as (
    select
        lineitem.l_orderkey as order_id,
        sum(lineitem.l_extendedprice * (1 - lineitem.l_discount)) as revenue,
        orders.o_orderdate as order_date,
        orders.o_shippriority as ship_priority
    from {{ source('tpch', 'customer') }} as customer
    inner join {{ source('tpch', 'orders') }} as orders
        on customer.c_custkey = orders.o_custkey
    inner join {{ source('tpch', 'lineitem') }} as lineitem
        on orders.o_orderkey = lineitem.l_orderkey
    where
        customer.c_mktsegment = 'BUILDING'
        and orders.o_orderdate < cast('1995-03-15' as date)
        and lineitem.l_shipdate > cast('1995-03-15' as date)
    group by lineitem.l_orderkey, orders.o_orderdate, orders.o_shippriority
),

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
),

{{ compare_answers('raw_answer', 'mart_answer') }}
