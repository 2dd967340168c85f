-- TPC-H Q16 (parts/supplier relationship), validation parameters BRAND = Brand#45,
-- TYPE = MEDIUM POLISHED, SIZE = 49, 14, 23, 45, 19, 3, 36, 9: suppliers able to supply parts
-- of given sizes, other brands and types, leaving out suppliers with complaints in their
-- comment. The marts side reads the offers valid at the end of the base extract.
with

raw_answer as (
    select
        part.p_brand as brand,
        part.p_type as part_type,
        part.p_size as size,
        count(distinct partsupp.ps_suppkey) as supplier_count
    from {{ source('tpch', 'partsupp') }} as partsupp
    inner join {{ source('tpch', 'part') }} as part
        on partsupp.ps_partkey = part.p_partkey
    where
        part.p_brand <> 'Brand#45'
        and part.p_type not like 'MEDIUM POLISHED%'
        and part.p_size in (49, 14, 23, 45, 19, 3, 36, 9)
        and partsupp.ps_suppkey not in (
            select supplier.s_suppkey
            from {{ source('tpch', 'supplier') }} as supplier
            where supplier.s_comment like '%Customer%Complaints%'
        )
    group by part.p_brand, part.p_type, part.p_size
),

mart_answer as (
    {{ tpch_q16_from_marts(ordered=false) }}
),

{{ compare_answers('raw_answer', 'mart_answer') }}
