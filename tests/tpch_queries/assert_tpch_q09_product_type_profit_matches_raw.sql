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

order_lines as (
    select * from {{ ref('fct_order_lines') }}
),

parts as (
    select * from {{ ref('dim_part') }}
),

suppliers as (
    select * from {{ ref('dim_supplier') }}
),

offers as (
    select * from {{ ref('fct_part_supplier') }}
),

order_dates as (
    select * from {{ ref('dim_date') }}
),

mart_answer as (
    select
        suppliers.nation_name,
        order_dates.year as order_year,
        sum(order_lines.net_amount - offers.supply_cost * order_lines.quantity) as profit
    from order_lines
    inner join parts
        on order_lines.part_key = parts.part_key
    inner join suppliers
        on order_lines.supplier_key = suppliers.supplier_key
    inner join order_dates
        on order_lines.order_date_key = order_dates.date_key
    inner join offers
        on
            parts.part_id = offers.part_id
            and suppliers.supplier_id = offers.supplier_id
            and cast(order_dates.full_date as {{ dbt.type_timestamp() }}) >= offers.valid_from
            and cast(order_dates.full_date as {{ dbt.type_timestamp() }}) < offers.valid_to
    where
        parts.part_name like '%green%'
        and order_dates.full_date <= cast('{{ var("tpch_last_order_date") }}' as date)
    group by suppliers.nation_name, order_dates.year
),

{{ compare_answers('raw_answer', 'mart_answer') }}
