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

mart_answer as (
    {{ tpch_q20_from_marts(ordered=false) }}
),

{{ compare_answers('raw_answer', 'mart_answer') }}
