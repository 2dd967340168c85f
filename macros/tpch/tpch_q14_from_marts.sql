{% macro tpch_q14_from_marts(ordered=true) -%}
with

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
    select 100.00 * promo_revenue / total_revenue as promo_revenue_percent
    from mart_totals
)

select * from mart_answer
{%- endmacro %}
