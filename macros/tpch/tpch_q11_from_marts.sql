{% macro tpch_q11_from_marts(ordered=true) -%}
with

offers as (
    select * from {{ ref('fct_part_supplier') }}
    where {{ valid_at_base_extract() }}
),

suppliers as (
    select * from {{ ref('dim_supplier') }}
),

german_offers as (
    select
        offers.part_id,
        offers.supply_value
    from offers
    inner join suppliers
        on offers.supplier_key = suppliers.supplier_key
    where suppliers.nation_name = 'GERMANY'
),

mart_answer as (
    select
        part_id,
        sum(supply_value) as stock_value
    from german_offers
    group by part_id
    having sum(supply_value) > (select sum(all_offers.supply_value) * 0.0001 from german_offers as all_offers)
)

select * from mart_answer
{%- if ordered %}
order by stock_value desc
{%- endif %}
{%- endmacro %}
