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

order_lines as (
    select * from {{ ref('fct_order_lines') }}
),

customers as (
    select * from {{ ref('dim_customer') }}
),

suppliers as (
    select * from {{ ref('dim_supplier') }}
),

order_dates as (
    select * from {{ ref('dim_date') }}
),

mart_answer as (
    select
        suppliers.nation_name,
        sum(order_lines.net_amount) as revenue
    from order_lines
    inner join customers
        on order_lines.customer_key = customers.customer_key
    inner join suppliers
        on
            order_lines.supplier_key = suppliers.supplier_key
            and customers.nation_name = suppliers.nation_name
    inner join order_dates
        on order_lines.order_date_key = order_dates.date_key
    where
        suppliers.region_name = 'ASIA'
        and order_dates.year = 1994
    group by suppliers.nation_name
),

{{ compare_answers('raw_answer', 'mart_answer') }}
