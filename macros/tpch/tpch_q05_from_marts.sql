{% macro tpch_q05_from_marts(ordered=true) -%}
with

order_lines as (
    select * from {{ ref('fct_order_lines') }}
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
        suppliers.nation_name,
        sum(order_lines.net_amount) as revenue
    from order_lines
    inner join customers
        on order_lines.customer_key = customers.customer_key
    inner join suppliers
        on
            order_lines.supplier_key = suppliers.supplier_key
            and customers.nation_name = suppliers.nation_name
    inner join order_dates
        on order_lines.order_date_key = order_dates.date_key
    where
        suppliers.region_name = 'ASIA'
        and order_dates.year = 1994
    group by suppliers.nation_name
)

select * from mart_answer
{%- if ordered %}
order by revenue desc
{%- endif %}
{%- endmacro %}
