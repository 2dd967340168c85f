{% macro tpch_q01_from_marts(ordered=true) -%}
with

order_lines as (
    select * from {{ ref('fct_order_lines') }}
),

ship_dates as (
    select * from {{ ref('dim_date') }}
),

order_dates as (
    select * from {{ ref('dim_date') }}
),

mart_answer as (
    select
        order_lines.return_flag,
        order_lines.line_status,
        sum(order_lines.quantity) as sum_qty,
        sum(order_lines.extended_price) as sum_base_price,
        sum(order_lines.net_amount) as sum_disc_price,
        sum(order_lines.gross_amount) as sum_charge,
        avg(order_lines.quantity) as avg_qty,
        avg(order_lines.extended_price) as avg_price,
        avg(order_lines.discount_rate) as avg_disc,
        count(*) as count_order
    from order_lines
    inner join ship_dates
        on order_lines.ship_date_key = ship_dates.date_key
    inner join order_dates
        on order_lines.order_date_key = order_dates.date_key
    where
        ship_dates.full_date <= {{ dbt.dateadd('day', -90, "cast('1998-12-01' as date)") }}
        and order_dates.full_date <= cast('{{ var("tpch_last_order_date") }}' as date)
    group by order_lines.return_flag, order_lines.line_status
)

select * from mart_answer
{%- if ordered %}
order by return_flag, line_status
{%- endif %}
{%- endmacro %}
