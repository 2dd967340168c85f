-- TPC-H Q8 (national market share), validation parameters NATION = BRAZIL, REGION = AMERICA,
-- TYPE = ECONOMY ANODIZED STEEL: Brazil's suppliers' share of the American customers'
-- revenue on one part type, per order year 1995-1996 (a fraction, 0-1).
with

american_volume as (
    select
        extract(year from orders.o_orderdate) as order_year,
        lineitem.l_extendedprice * (1 - lineitem.l_discount) as volume,
        supplier_nation.n_name as supplier_nation
    from {{ source('tpch', 'lineitem') }} as lineitem
    inner join {{ source('tpch', 'part') }} as part
        on lineitem.l_partkey = part.p_partkey
    inner join {{ source('tpch', 'supplier') }} as supplier
        on lineitem.l_suppkey = supplier.s_suppkey
    inner join {{ source('tpch', 'orders') }} as orders
        on lineitem.l_orderkey = orders.o_orderkey
    inner join {{ source('tpch', 'customer') }} as customer
        on orders.o_custkey = customer.c_custkey
    inner join {{ source('tpch', 'nation') }} as customer_nation
        on customer.c_nationkey = customer_nation.n_nationkey
    inner join {{ source('tpch', 'region') }} as region
        on customer_nation.n_regionkey = region.r_regionkey
    inner join {{ source('tpch', 'nation') }} as supplier_nation
        on supplier.s_nationkey = supplier_nation.n_nationkey
    where
        region.r_name = 'AMERICA'
        and orders.o_orderdate between cast('1995-01-01' as date) and cast('1996-12-31' as date)
        and part.p_type = 'ECONOMY ANODIZED STEEL'
),

raw_answer as (
    select
        order_year,
        sum(case when supplier_nation = 'BRAZIL' then volume else 0 end) / sum(volume) as market_share
    from american_volume
    group by order_year
),

mart_answer as (
    {{ tpch_q08_from_marts(ordered=false) }}
),

{{ compare_answers('raw_answer', 'mart_answer') }}
