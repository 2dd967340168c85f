-- TPC-H Q13 (customer distribution), validation parameters WORD1 = special, WORD2 = requests:
-- how many customers have 0, 1, 2, ... orders whose comment does not mention special
-- requests. The marts side counts the base extract's customers (the dim_customer version
-- valid at var tpch_last_order_date) and the orders of its era.
with

raw_order_counts as (
    select
        customer.c_custkey as customer_id,
        count(orders.o_orderkey) as order_count
    from {{ source('tpch', 'customer') }} as customer
    left join {{ source('tpch', 'orders') }} as orders
        on
            customer.c_custkey = orders.o_custkey
            and orders.o_comment not like '%special%requests%'
    group by customer.c_custkey
),

raw_answer as (
    select
        order_count,
        count(*) as customer_count
    from raw_order_counts
    group by order_count
),

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
),

{{ compare_answers('raw_answer', 'mart_answer') }}
