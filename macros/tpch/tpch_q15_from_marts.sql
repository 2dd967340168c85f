{% macro tpch_q15_from_marts(ordered=true) -%}
with

order_lines as (
    select * from {{ ref('fct_order_lines') }}
),

suppliers as (
    select * from {{ ref('dim_supplier') }}
),

ship_dates as (
    select * from {{ ref('dim_date') }}
),

mart_revenue as (
    select
        suppliers.supplier_id,
        sum(order_lines.net_amount) as total_revenue
    from order_lines
    inner join suppliers
        on order_lines.supplier_key = suppliers.supplier_key
    inner join ship_dates
        on order_lines.ship_date_key = ship_dates.date_key
    where
        ship_dates.year = 1996
        and ship_dates.quarter = 1
    group by suppliers.supplier_id
),

mart_answer as (
    select
        suppliers.supplier_id,
        suppliers.supplier_name,
        suppliers.address,
        suppliers.phone,
        mart_revenue.total_revenue
    from mart_revenue
    inner join suppliers
        on mart_revenue.supplier_id = suppliers.supplier_id
    where
        mart_revenue.total_revenue = (select max(best.total_revenue) from mart_revenue as best)
        and {{ valid_at_base_extract('suppliers') }}
)

select * from mart_answer
{%- if ordered %}
order by supplier_id
{%- endif %}
{%- endmacro %}
