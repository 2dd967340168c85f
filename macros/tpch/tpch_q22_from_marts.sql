{% macro tpch_q22_from_marts(ordered=true) -%}
with

customers as (
    select * from {{ ref('dim_customer') }}
),

base_customers as (
    select
        customer_id,
        substring(phone, 1, 2) as country_code,
        account_balance
    from customers
    where
        customer_key != -1
        and {{ valid_at_base_extract() }}
        and substring(phone, 1, 2) in ('13', '31', '23', '29', '30', '18', '17')
),

ordering_customers as (
    select distinct customers.customer_id
    from {{ ref('fct_orders') }} as orders
    inner join customers
        on orders.customer_key = customers.customer_key
    where orders.order_date <= cast('{{ var("tpch_last_order_date") }}' as date)
),

mart_answer as (
    select
        base_customers.country_code,
        count(*) as customer_count,
        sum(base_customers.account_balance) as total_account_balance
    from base_customers
    where
        base_customers.account_balance > (
            select avg(positive.account_balance) from base_customers as positive
            where positive.account_balance > 0.00
        )
        and base_customers.customer_id not in (select ordering_customers.customer_id from ordering_customers)
    group by base_customers.country_code
)

select * from mart_answer
{%- if ordered %}
order by country_code
{%- endif %}
{%- endmacro %}
