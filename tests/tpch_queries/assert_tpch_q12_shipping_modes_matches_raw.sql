-- TPC-H Q12 (shipping modes and order priority), validation parameters SHIPMODE1 = MAIL,
-- SHIPMODE2 = SHIP, DATE = 1994-01-01. The mart side takes "high priority" from the
-- order-priority seed and compares role-playing dates through dim_date.
with

raw_answer as (
    select
        lineitem.l_shipmode as ship_mode,
        sum(
            case
                when orders.o_orderpriority in ('1-URGENT', '2-HIGH') then 1 else 0
            end
        ) as high_line_count,
        sum(
            case
                when orders.o_orderpriority not in ('1-URGENT', '2-HIGH') then 1 else 0
            end
        ) as low_line_count
    from {{ source('tpch', 'orders') }} as orders
    inner join {{ source('tpch', 'lineitem') }} as lineitem
        on orders.o_orderkey = lineitem.l_orderkey
    where
        lineitem.l_shipmode in ('MAIL', 'SHIP')
        and lineitem.l_commitdate < lineitem.l_receiptdate
        and lineitem.l_shipdate < lineitem.l_commitdate
        and lineitem.l_receiptdate >= cast('1994-01-01' as date)
        and lineitem.l_receiptdate < cast('1995-01-01' as date)
    group by lineitem.l_shipmode
),

mart_answer as (
    {{ tpch_q12_from_marts(ordered=false) }}
),

{{ compare_answers('raw_answer', 'mart_answer') }}
