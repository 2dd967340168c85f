-- TPC-H Q9 (product type profit measure), validation parameter COLOR = green: profit
-- (net revenue less supply cost x quantity) on parts named like '%green%', per supplier
-- nation and order year. The marts side costs each line with the offer valid at its order
-- date (fct_part_supplier) and, raw holding the base extract, reads the orders of its era.
with

raw_answer as (
    select
        nation.n_name as nation_name,
        extract(year from orders.o_orderdate) as order_year,
        sum(
            lineitem.l_extendedprice * (1 - lineitem.l_discount)
            - partsupp.ps_supplycost * lineitem.l_quantity
        ) as profit
    from {{ source('tpch', 'lineitem') }} as lineitem
    inner join {{ source('tpch', 'part') }} as part
        on lineitem.l_partkey = part.p_partkey
    inner join {{ source('tpch', 'supplier') }} as supplier
        on lineitem.l_suppkey = supplier.s_suppkey
    inner join {{ source('tpch', 'partsupp') }} as partsupp
        on
            lineitem.l_suppkey = partsupp.ps_suppkey
            and lineitem.l_partkey = partsupp.ps_partkey
    inner join {{ source('tpch', 'orders') }} as orders
        on lineitem.l_orderkey = orders.o_orderkey
    inner join {{ source('tpch', 'nation') }} as nation
        on supplier.s_nationkey = nation.n_nationkey
    where part.p_name like '%green%'
    group by nation.n_name, extract(year from orders.o_orderdate)
),

mart_answer as (
    {{ tpch_q09_from_marts(ordered=false) }}
),

{{ compare_answers('raw_answer', 'mart_answer') }}
