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

order_lines as (
    select * from {{ ref('fct_order_lines') }}
),

orders as (
    select * from {{ ref('fct_orders') }}
),

order_priorities as (
    select * from {{ ref('tpch_order_priorities') }}
),

ship_dates as (
    select * from {{ ref('dim_date') }}
),

commit_dates as (
    select * from {{ ref('dim_date') }}
),

receipt_dates as (
    select * from {{ ref('dim_date') }}
),

mart_answer as (
    select
        order_lines.ship_mode,
        sum(case when order_priorities.is_high_priority then 1 else 0 end) as high_line_count,
        sum(case when not order_priorities.is_high_priority then 1 else 0 end) as low_line_count
    from order_lines
    inner join orders
        on order_lines.order_id = orders.order_id
    inner join order_priorities
        on orders.order_priority = order_priorities.order_priority
    inner join ship_dates
        on order_lines.ship_date_key = ship_dates.date_key
    inner join commit_dates
        on order_lines.commit_date_key = commit_dates.date_key
    inner join receipt_dates
        on order_lines.receipt_date_key = receipt_dates.date_key
    where
        order_lines.ship_mode in ('MAIL', 'SHIP')
        and commit_dates.full_date < receipt_dates.full_date
        and ship_dates.full_date < commit_dates.full_date
        and receipt_dates.year = 1994
    group by order_lines.ship_mode
),

{{ compare_answers('raw_answer', 'mart_answer') }}
