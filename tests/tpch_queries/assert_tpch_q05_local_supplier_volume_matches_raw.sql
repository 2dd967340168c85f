-- TPC-H Q5 (local supplier volume), validation parameters REGION = ASIA, DATE = 1994-01-01:
-- revenue per nation from lines where customer and supplier share the nation.
with

raw_answer as (
    select
        nation.n_name as nation_name,
        sum(lineitem.l_extendedprice * (1 - lineitem.l_discount)) as revenue
    from {{ source('tpch', 'customer') }} as customer
    inner join {{ source('tpch', 'orders') }} as orders
        on customer.c_custkey = orders.o_custkey
    inner join {{ source('tpch', 'lineitem') }} as lineitem
        on orders.o_orderkey = lineitem.l_orderkey
    inner join {{ source('tpch', 'supplier') }} as supplier
        on
            lineitem.l_suppkey = supplier.s_suppkey
            and customer.c_nationkey = supplier.s_nationkey
    inner join {{ source('tpch', 'nation') }} as nation
        on supplier.s_nationkey = nation.n_nationkey
    inner join {{ source('tpch', 'region') }} as region
        on nation.n_regionkey = region.r_regionkey
    where
        region.r_name = 'ASIA'
        and orders.o_orderdate >= cast('1994-01-01' as date)
        and orders.o_orderdate < cast('1995-01-01' as date)
    group by nation.n_name
),

mart_answer as (
    {{ tpch_q05_from_marts(ordered=false) }}
),

{{ compare_answers('raw_answer', 'mart_answer') }}
