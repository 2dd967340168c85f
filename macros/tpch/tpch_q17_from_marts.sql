{% macro tpch_q17_from_marts(ordered=true) -%}
with

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
)

select * from mart_answer
{%- endmacro %}
