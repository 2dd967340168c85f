{% macro tpch_q13_from_marts(ordered=true) -%}
with

customers as (
    select * from {{ ref('dim_customer') }}
),

base_customers as (
    select customer_id
    from customers
    where
        customer_key != -1
        and {{ valid_at_base_extract() }}
),

orders as (
    select
        orders.order_id,
        customers.customer_id
    from {{ ref('fct_orders') }} as orders
    inner join customers
        on orders.customer_key = customers.customer_key
    where
        orders.order_date <= cast('{{ var("tpch_last_order_date") }}' as date)
        and orders.order_comment not like '%special%requests%'
),

mart_order_counts as (
    select
        base_customers.customer_id,
        count(orders.order_id) as order_count
    from base_customers
    left join orders
        on base_customers.customer_id = orders.customer_id
    group by base_customers.customer_id
),

mart_answer as (
    select
        order_count,
        count(*) as customer_count
    from mart_order_counts
    group by order_count
)

select * from mart_answer
{%- if ordered %}
order by customer_count desc, order_count desc
{%- endif %}
{%- endmacro %}
