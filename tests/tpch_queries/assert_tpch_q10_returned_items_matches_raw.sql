-- TPC-H Q10 (returned item reporting), validation parameter DATE = 1993-10-01: revenue lost
-- to returns per customer in one quarter. Compared without Q10's LIMIT 20.
with

raw_answer as (
    select
        customer.c_custkey as customer_id,
        customer.c_name as customer_name,
        sum(lineitem.l_extendedprice * (1 - lineitem.l_discount)) as revenue,
        customer.c_acctbal as account_balance,
        nation.n_name as nation_name,
        customer.c_address as address,
        customer.c_phone as phone,
        customer.c_comment as customer_comment
    from {{ source('tpch', 'customer') }} as customer
    inner join {{ source('tpch', 'orders') }} as orders
        on customer.c_custkey = orders.o_custkey
    inner join {{ source('tpch', 'lineitem') }} as lineitem
        on orders.o_orderkey = lineitem.l_orderkey
    inner join {{ source('tpch', 'nation') }} as nation
        on customer.c_nationkey = nation.n_nationkey
    where
        orders.o_orderdate >= cast('1993-10-01' as date)
        and orders.o_orderdate < cast('1994-01-01' as date)
        and lineitem.l_returnflag = 'R'
    group by
        customer.c_custkey,
        customer.c_name,
        customer.c_acctbal,
        customer.c_phone,
        nation.n_name,
        customer.c_address,
        customer.c_comment
),

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
),

{{ compare_answers('raw_answer', 'mart_answer') }}
