{% macro tpch_q19_from_marts(ordered=true) -%}
with

order_lines as (
    select * from {{ ref('fct_order_lines') }}
),

parts as (
    select * from {{ ref('dim_part') }}
),

mart_answer as (
    select sum(order_lines.net_amount) as revenue
    from order_lines
    inner join parts
        on order_lines.part_key = parts.part_key
    where
        order_lines.ship_mode in ('AIR', 'AIR REG')
        and order_lines.ship_instruction = 'DELIVER IN PERSON'
        and order_lines.order_date_key
        <= {{ date_key("cast('" ~ var('tpch_last_order_date') ~ "' as date)") }}
        and (
            (
                parts.brand = 'Brand#12'
                and parts.container in ('SM CASE', 'SM BOX', 'SM PACK', 'SM PKG')
                and order_lines.quantity between 1 and 11
                and parts.size between 1 and 5
            )
            or (
                parts.brand = 'Brand#23'
                and parts.container in ('MED BAG', 'MED BOX', 'MED PKG', 'MED PACK')
                and order_lines.quantity between 10 and 20
                and parts.size between 1 and 10
            )
            or (
                parts.brand = 'Brand#34'
                and parts.container in ('LG CASE', 'LG BOX', 'LG PACK', 'LG PKG')
                and order_lines.quantity between 20 and 30
                and parts.size between 1 and 15
            )
        )
)

select * from mart_answer
{%- endmacro %}
