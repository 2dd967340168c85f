-- TPC-H Q14 (promotion effect), validation parameter DATE = 1995-09-01: the percentage of
-- one month's revenue from promotional parts, compared rounded to 6 decimals (its sums are
-- exact decimals; the division is floating point).
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
    select round(100.00 * promo_revenue / total_revenue, 6) as promo_revenue_percent
    from raw_totals
),

mart_answer as (
    select round(promo_revenue_percent, 6) as promo_revenue_percent
    from ({{ tpch_q14_from_marts(ordered=false) }}) as q14
),

{{ compare_answers('raw_answer', 'mart_answer') }}
