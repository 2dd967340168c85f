{% macro tpch_q02_from_marts(ordered=true) -%}
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

european_mart_offers as (
    select
        offers.part_key,
        offers.supplier_key,
        offers.part_id,
        offers.supply_cost
    from offers
    inner join suppliers
        on offers.supplier_key = suppliers.supplier_key
    where suppliers.region_name = 'EUROPE'
),

cheapest_costs as (
    select
        part_id,
        min(supply_cost) as supply_cost
    from european_mart_offers
    group by part_id
),

mart_answer as (
    select
        suppliers.account_balance,
        suppliers.supplier_name,
        suppliers.nation_name,
        parts.part_id,
        parts.manufacturer,
        suppliers.address,
        suppliers.phone,
        suppliers.supplier_comment
    from european_mart_offers
    inner join cheapest_costs
        on
            european_mart_offers.part_id = cheapest_costs.part_id
            and european_mart_offers.supply_cost = cheapest_costs.supply_cost
    inner join parts
        on european_mart_offers.part_key = parts.part_key
    inner join suppliers
        on european_mart_offers.supplier_key = suppliers.supplier_key
    where
        parts.size = 15
        and parts.part_type like '%BRASS'
)

select * from mart_answer
{%- if ordered %}
order by account_balance desc, nation_name, supplier_name, part_id
limit 100
{%- endif %}
{%- endmacro %}
