{% macro tpch_q20_from_marts(ordered=true) -%}
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
)

select * from mart_answer
{%- if ordered %}
order by supplier_name
{%- endif %}
{%- endmacro %}
