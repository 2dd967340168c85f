-- TPC-H Q14 (promotion effect), validation parameter DATE = 1995-09-01. Numerator and
-- denominator compared exactly; the percentage rounded to 6 decimals.
with

raw_totals as (
    select
        sum(
            case
                when part.p_type like 'PROMO%'
                    then lineitem.l_extendedprice * (1 - lineitem.l_discount)
                else 0
            end
        ) as promo_revenue,
        sum(lineitem.l_extendedprice * (1 - lineitem.l_discount)) as total_revenue
    from {{ source('tpch', 'lineitem') }} as lineitem
    inner join {{ source('tpch', 'part') }} as part
        on lineitem.l_partkey = part.p_partkey
    where
        lineitem.l_shipdate >= cast('1995-09-01' as date)
        and lineitem.l_shipdate < cast('1995-10-01' as date)
),

raw_answer as (
    select
        promo_revenue,
        total_revenue,
        round(100.00 * promo_revenue / total_revenue, 6) as promo_revenue_percent
    from raw_totals
),

order_lines as (
    select * from {{ ref('fct_order_lines') }}
),

parts as (
    select * from {{ ref('dim_part') }}
),

ship_dates as (
    select * from {{ ref('dim_date') }}
),

mart_totals as (
    select
        sum(
            case
                when parts.part_type like 'PROMO%' then order_lines.net_amount else 0
            end
        ) as promo_revenue,
        sum(order_lines.net_amount) as total_revenue
    from order_lines
    inner join parts
        on order_lines.part_key = parts.part_key
    inner join ship_dates
        on order_lines.ship_date_key = ship_dates.date_key
    where
        ship_dates.year = 1995
        and ship_dates.month = 9
),

mart_answer as (
    select
        promo_revenue,
        total_revenue,
        round(100.00 * promo_revenue / total_revenue, 6) as promo_revenue_percent
    from mart_totals
),

{{ compare_answers('raw_answer', 'mart_answer') }}
