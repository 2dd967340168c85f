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

mart_answer as (
    {{ tpch_q13_from_marts(ordered=false) }}
),

{{ compare_answers('raw_answer', 'mart_answer') }}
