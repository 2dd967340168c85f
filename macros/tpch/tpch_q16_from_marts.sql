{% macro tpch_q16_from_marts(ordered=true) -%}
with

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

mart_answer as (
    select
        parts.brand,
        parts.part_type,
        parts.size,
        count(distinct offers.supplier_id) as supplier_count
    from offers
    inner join parts
        on offers.part_key = parts.part_key
    inner join suppliers
        on offers.supplier_key = suppliers.supplier_key
    where
        parts.brand <> 'Brand#45'
        and parts.part_type not like 'MEDIUM POLISHED%'
        and parts.size in (49, 14, 23, 45, 19, 3, 36, 9)
        and suppliers.supplier_comment not like '%Customer%Complaints%'
    group by parts.brand, parts.part_type, parts.size
)

select * from mart_answer
{%- if ordered %}
order by supplier_count desc, brand, part_type, size
{%- endif %}
{%- endmacro %}
