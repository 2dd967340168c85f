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

mart_answer as (
    {{ tpch_q03_from_marts(ordered=false) }}
),

{{ compare_answers('raw_answer', 'mart_answer') }}
