{% macro tpch_q08_from_marts(ordered=true) -%}
with

order_lines as (
    select * from {{ ref('fct_order_lines') }}
),

parts as (
    select * from {{ ref('dim_part') }}
),

customers as (
    select * from {{ ref('dim_customer') }}
),

suppliers as (
    select * from {{ ref('dim_supplier') }}
),

order_dates as (
    select * from {{ ref('dim_date') }}
),

mart_answer as (
    select
        order_dates.year as order_year,
        sum(case when suppliers.nation_name = 'BRAZIL' then order_lines.net_amount else 0 end)
        / sum(order_lines.net_amount) as market_share
    from order_lines
    inner join parts
        on order_lines.part_key = parts.part_key
    inner join customers
        on order_lines.customer_key = customers.customer_key
    inner join suppliers
        on order_lines.supplier_key = suppliers.supplier_key
    inner join order_dates
        on order_lines.order_date_key = order_dates.date_key
    where
        customers.region_name = 'AMERICA'
        and order_dates.year between 1995 and 1996
        and parts.part_type = 'ECONOMY ANODIZED STEEL'
    group by order_dates.year
)

select * from mart_answer
{%- if ordered %}
order by order_year
{%- endif %}
{%- endmacro %}
