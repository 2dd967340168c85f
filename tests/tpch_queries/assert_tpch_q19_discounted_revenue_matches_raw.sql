-- TPC-H Q19 (discounted revenue), validation parameters QUANTITY1 = 1, QUANTITY2 = 10,
-- QUANTITY3 = 20, BRAND1 = Brand#12, BRAND2 = Brand#23, BRAND3 = Brand#34: revenue of air
-- shipments delivered in person for three brand, container, size and quantity combinations.
with

raw_answer as (
    select sum(lineitem.l_extendedprice * (1 - lineitem.l_discount)) as revenue
    from {{ source('tpch', 'lineitem') }} as lineitem
    inner join {{ source('tpch', 'part') }} as part
        on lineitem.l_partkey = part.p_partkey
    where
        lineitem.l_shipmode in ('AIR', 'AIR REG')
        and lineitem.l_shipinstruct = 'DELIVER IN PERSON'
        and (
            (
                part.p_brand = 'Brand#12'
                and part.p_container in ('SM CASE', 'SM BOX', 'SM PACK', 'SM PKG')
                and lineitem.l_quantity between 1 and 11
                and part.p_size between 1 and 5
            )
            or (
                part.p_brand = 'Brand#23'
                and part.p_container in ('MED BAG', 'MED BOX', 'MED PKG', 'MED PACK')
                and lineitem.l_quantity between 10 and 20
                and part.p_size between 1 and 10
            )
            or (
                part.p_brand = 'Brand#34'
                and part.p_container in ('LG CASE', 'LG BOX', 'LG PACK', 'LG PKG')
                and lineitem.l_quantity between 20 and 30
                and part.p_size between 1 and 15
            )
        )
),

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
),

{{ compare_answers('raw_answer', 'mart_answer') }}
