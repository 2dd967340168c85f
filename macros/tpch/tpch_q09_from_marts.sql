{% macro tpch_q09_from_marts(ordered=true) -%}
with

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
)

select * from mart_answer
{%- if ordered %}
order by nation_name, order_year desc
{%- endif %}
{%- endmacro %}
