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

mart_answer as (
    {{ tpch_q10_from_marts(ordered=false) }}
),

{{ compare_answers('raw_answer', 'mart_answer') }}
