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

mart_answer as (
    {{ tpch_q04_from_marts(ordered=false) }}
),

{{ compare_answers('raw_answer', 'mart_answer') }}
