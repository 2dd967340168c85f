-- TPC-H Q4 (order priority checking), validation parameter DATE = 1993-07-01: orders of one
-- quarter with at least one line received after its commit date, counted per priority.
with

raw_answer as (
    select
        orders.o_orderpriority as order_priority,
        count(*) as order_count
    from {{ source('tpch', 'orders') }} as orders
    where
        orders.o_orderdate >= cast('1993-07-01' as date)
        and orders.o_orderdate < cast('1993-10-01' as date)
        and exists (
            select 1
            from {{ source('tpch', 'lineitem') }} as lineitem
            where
                lineitem.l_orderkey = orders.o_orderkey
                and lineitem.l_commitdate < lineitem.l_receiptdate
        )
    group by orders.o_orderpriority
),

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
),

{{ compare_answers('raw_answer', 'mart_answer') }}
