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

parts as (
    select * from {{ ref('dim_part') }}
),

base_lines as (
    select
        parts.part_id,
        parts.brand,
        parts.container,
        order_lines.quantity,
        order_lines.extended_price
    from {{ ref('fct_order_lines') }} as order_lines
    inner join parts
        on order_lines.part_key = parts.part_key
    where order_lines.order_date_key <= {{ date_key("cast('" ~ var('tpch_last_order_date') ~ "' as date)") }}
),

part_averages as (
    select
        part_id,
        0.2 * avg(quantity) as small_quantity
    from base_lines
    group by part_id
),

mart_answer as (
    select sum(base_lines.extended_price) / 7.0 as average_yearly_revenue
    from base_lines
    inner join part_averages
        on base_lines.part_id = part_averages.part_id
    where
        base_lines.brand = 'Brand#23'
        and base_lines.container = 'MED BOX'
        and base_lines.quantity < part_averages.small_quantity
),

{{ compare_answers('raw_answer', 'mart_answer') }}
