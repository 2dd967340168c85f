{% macro tpch_q07_from_marts(ordered=true) -%}
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

ship_dates as (
    select * from {{ ref('dim_date') }}
),

mart_answer as (
    select
        suppliers.nation_name as supplier_nation,
        customers.nation_name as customer_nation,
        ship_dates.year as ship_year,
        sum(order_lines.net_amount) as revenue
    from order_lines
    inner join suppliers
        on order_lines.supplier_key = suppliers.supplier_key
    inner join customers
        on order_lines.customer_key = customers.customer_key
    inner join ship_dates
        on order_lines.ship_date_key = ship_dates.date_key
    where
        (
            (suppliers.nation_name = 'FRANCE' and customers.nation_name = 'GERMANY')
            or (suppliers.nation_name = 'GERMANY' and customers.nation_name = 'FRANCE')
        )
        and ship_dates.year between 1995 and 1996
    group by suppliers.nation_name, customers.nation_name, ship_dates.year
)

select * from mart_answer
{%- if ordered %}
order by supplier_nation, customer_nation, ship_year
{%- endif %}
{%- endmacro %}
