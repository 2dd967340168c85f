{% macro tpch_q12_from_marts(ordered=true) -%}
with

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
)

select * from mart_answer
{%- if ordered %}
order by ship_mode
{%- endif %}
{%- endmacro %}
