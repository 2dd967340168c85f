-- TPC-H Q7 (volume shipping), validation parameters NATION1 = FRANCE, NATION2 = GERMANY:
-- revenue shipped between the two nations in 1995 and 1996, per direction and ship year.
with

raw_answer as (
    select
        supplier_nation.n_name as supplier_nation,
        customer_nation.n_name as customer_nation,
        extract(year from lineitem.l_shipdate) as ship_year,
        sum(lineitem.l_extendedprice * (1 - lineitem.l_discount)) as revenue
    from {{ source('tpch', 'supplier') }} as supplier
    inner join {{ source('tpch', 'lineitem') }} as lineitem
        on supplier.s_suppkey = lineitem.l_suppkey
    inner join {{ source('tpch', 'orders') }} as orders
        on lineitem.l_orderkey = orders.o_orderkey
    inner join {{ source('tpch', 'customer') }} as customer
        on orders.o_custkey = customer.c_custkey
    inner join {{ source('tpch', 'nation') }} as supplier_nation
        on supplier.s_nationkey = supplier_nation.n_nationkey
    inner join {{ source('tpch', 'nation') }} as customer_nation
        on customer.c_nationkey = customer_nation.n_nationkey
    where
        (
            (supplier_nation.n_name = 'FRANCE' and customer_nation.n_name = 'GERMANY')
            or (supplier_nation.n_name = 'GERMANY' and customer_nation.n_name = 'FRANCE')
        )
        and lineitem.l_shipdate between cast('1995-01-01' as date) and cast('1996-12-31' as date)
    group by supplier_nation.n_name, customer_nation.n_name, extract(year from lineitem.l_shipdate)
),

mart_answer as (
    {{ tpch_q07_from_marts(ordered=false) }}
),

{{ compare_answers('raw_answer', 'mart_answer') }}
