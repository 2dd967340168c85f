-- TPC-H Q20 (potential part promotion), validation parameters COLOR = forest,
-- DATE = 1994-01-01, NATION = CANADA: Canadian suppliers holding more than half of what they
-- shipped in 1994 of a 'forest' part. The marts side reads the offers and supplier versions
-- valid at the end of the base extract.
with

shipped_1994 as (
    select
        l_partkey,
        l_suppkey,
        0.5 * sum(l_quantity) as half_quantity
    from {{ source('tpch', 'lineitem') }}
    where
        l_shipdate >= cast('1994-01-01' as date)
        and l_shipdate < cast('1995-01-01' as date)
    group by l_partkey, l_suppkey
),

raw_answer as (
    select
        supplier.s_name as supplier_name,
        supplier.s_address as address
    from {{ source('tpch', 'supplier') }} as supplier
    inner join {{ source('tpch', 'nation') }} as nation
        on supplier.s_nationkey = nation.n_nationkey
    where
        nation.n_name = 'CANADA'
        and supplier.s_suppkey in (
            select partsupp.ps_suppkey
            from {{ source('tpch', 'partsupp') }} as partsupp
            inner join {{ source('tpch', 'part') }} as part
                on partsupp.ps_partkey = part.p_partkey
            inner join shipped_1994
                on
                    partsupp.ps_partkey = shipped_1994.l_partkey
                    and partsupp.ps_suppkey = shipped_1994.l_suppkey
            where
                part.p_name like 'forest%'
                and partsupp.ps_availqty > shipped_1994.half_quantity
        )
),

offers as (
    select * from {{ ref('fct_part_supplier') }}
    where {{ valid_at_base_extract() }}
),

parts as (
    select * from {{ ref('dim_part') }}
),

suppliers as (
    select * from {{ ref('dim_supplier') }}
),

ship_dates as (
    select * from {{ ref('dim_date') }}
),

mart_shipped_1994 as (
    select
        parts.part_id,
        suppliers.supplier_id,
        0.5 * sum(order_lines.quantity) as half_quantity
    from {{ ref('fct_order_lines') }} as order_lines
    inner join parts
        on order_lines.part_key = parts.part_key
    inner join suppliers
        on order_lines.supplier_key = suppliers.supplier_key
    inner join ship_dates
        on order_lines.ship_date_key = ship_dates.date_key
    where ship_dates.year = 1994
    group by parts.part_id, suppliers.supplier_id
),

promoted_suppliers as (
    select distinct offers.supplier_key
    from offers
    inner join parts
        on offers.part_key = parts.part_key
    inner join mart_shipped_1994
        on
            offers.part_id = mart_shipped_1994.part_id
            and offers.supplier_id = mart_shipped_1994.supplier_id
    where
        parts.part_name like 'forest%'
        and offers.available_quantity > mart_shipped_1994.half_quantity
),

mart_answer as (
    select
        suppliers.supplier_name,
        suppliers.address
    from suppliers
    inner join promoted_suppliers
        on suppliers.supplier_key = promoted_suppliers.supplier_key
    where suppliers.nation_name = 'CANADA'
),

{{ compare_answers('raw_answer', 'mart_answer') }}
