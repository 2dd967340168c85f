-- TPC-H Q17 (small-quantity-order revenue), validation parameters BRAND = Brand#23,
-- CONTAINER = MED BOX: the yearly revenue (over TPC-H's 7 years) lost if lines of less than
-- 20 % of a part's average quantity were not taken. The marts side reads the lines of the
-- base extract's era (order date <= var tpch_last_order_date), which the average spans.
with

raw_answer as (
    select sum(lineitem.l_extendedprice) / 7.0 as average_yearly_revenue
    from {{ source('tpch', 'lineitem') }} as lineitem
    inner join {{ source('tpch', 'part') }} as part
        on lineitem.l_partkey = part.p_partkey
    where
        part.p_brand = 'Brand#23'
        and part.p_container = 'MED BOX'
        and lineitem.l_quantity < (
            select 0.2 * avg(same_part.l_quantity)
            from {{ source('tpch', 'lineitem') }} as same_part
            where same_part.l_partkey = part.p_partkey
        )
),

mart_answer as (
    {{ tpch_q17_from_marts(ordered=false) }}
),

{{ compare_answers('raw_answer', 'mart_answer') }}
