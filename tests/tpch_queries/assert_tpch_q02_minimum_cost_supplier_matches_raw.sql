-- TPC-H Q2 (minimum cost supplier), validation parameters SIZE = 15, TYPE = BRASS,
-- REGION = EUROPE: for each brass part of size 15, the European suppliers offering it at the
-- lowest supply cost in Europe. Compared without Q2's LIMIT 100. The marts side reads the
-- offers valid at the end of the base extract (var tpch_last_order_date).
with

european_offers as (
    select
        partsupp.ps_partkey,
        partsupp.ps_suppkey,
        partsupp.ps_supplycost
    from {{ source('tpch', 'partsupp') }} as partsupp
    inner join {{ source('tpch', 'supplier') }} as supplier
        on partsupp.ps_suppkey = supplier.s_suppkey
    inner join {{ source('tpch', 'nation') }} as nation
        on supplier.s_nationkey = nation.n_nationkey
    inner join {{ source('tpch', 'region') }} as region
        on nation.n_regionkey = region.r_regionkey
    where region.r_name = 'EUROPE'
),

raw_answer as (
    select
        supplier.s_acctbal as account_balance,
        supplier.s_name as supplier_name,
        nation.n_name as nation_name,
        part.p_partkey as part_id,
        part.p_mfgr as manufacturer,
        supplier.s_address as address,
        supplier.s_phone as phone,
        supplier.s_comment as supplier_comment
    from {{ source('tpch', 'part') }} as part
    inner join european_offers
        on part.p_partkey = european_offers.ps_partkey
    inner join {{ source('tpch', 'supplier') }} as supplier
        on european_offers.ps_suppkey = supplier.s_suppkey
    inner join {{ source('tpch', 'nation') }} as nation
        on supplier.s_nationkey = nation.n_nationkey
    where
        part.p_size = 15
        and part.p_type like '%BRASS'
        and european_offers.ps_supplycost = (
            select min(cheapest.ps_supplycost)
            from european_offers as cheapest
            where cheapest.ps_partkey = part.p_partkey
        )
),

mart_answer as (
    {{ tpch_q02_from_marts(ordered=false) }}
),

{{ compare_answers('raw_answer', 'mart_answer') }}
