-- TPC-H Q18 (large volume customer), validation parameter QUANTITY = 300: orders of more
-- than 300 units. Compared without Q18's LIMIT 100. The raw side is the base extract, so
-- the mart side takes the orders of its era (order date <= var tpch_last_order_date).
with

large_orders as (
    select l_orderkey
    from {{ source('tpch', 'lineitem') }}
    group by l_orderkey
    having sum(l_quantity) > 300
),

raw_answer as (
    select
        customer.c_name as customer_name,
        customer.c_custkey as customer_id,
        orders.o_orderkey as order_id,
        orders.o_orderdate as order_date,
        orders.o_totalprice as total_price,
        sum(lineitem.l_quantity) as total_quantity
    from {{ source('tpch', 'customer') }} as customer
    inner join {{ source('tpch', 'orders') }} as orders
        on customer.c_custkey = orders.o_custkey
    inner join {{ source('tpch', 'lineitem') }} as lineitem
        on orders.o_orderkey = lineitem.l_orderkey
    where orders.o_orderkey in (select large_orders.l_orderkey from large_orders)
    group by
        customer.c_name,
        customer.c_custkey,
        orders.o_orderkey,
        orders.o_orderdate,
        orders.o_totalprice
),

mart_answer as (
    {{ tpch_q18_from_marts(ordered=false) }}
),

{{ compare_answers('raw_answer', 'mart_answer') }}
