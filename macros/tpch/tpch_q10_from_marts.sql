{% macro tpch_q10_from_marts(ordered=true) -%}
with

order_lines as (
    select * from {{ ref('fct_order_lines') }}
),

customers as (
    select * from {{ ref('dim_customer') }}
),

order_dates as (
    select * from {{ ref('dim_date') }}
),

mart_answer as (
    select
        customers.customer_id,
        customers.customer_name,
        sum(order_lines.net_amount) as revenue,
        customers.account_balance,
        customers.nation_name,
        customers.address,
        customers.phone,
        customers.customer_comment
    from order_lines
    inner join customers
        on order_lines.customer_key = customers.customer_key
    inner join order_dates
        on order_lines.order_date_key = order_dates.date_key
    where
        order_dates.year = 1993
        and order_dates.quarter = 4
        and order_lines.return_flag = 'R'
    group by
        customers.customer_id,
        customers.customer_name,
        customers.account_balance,
        customers.phone,
        customers.nation_name,
        customers.address,
        customers.customer_comment
)

select * from mart_answer
{%- if ordered %}
order by revenue desc
limit 20
{%- endif %}
{%- endmacro %}
