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

mart_answer as (
    {{ tpch_q19_from_marts(ordered=false) }}
),

{{ compare_answers('raw_answer', 'mart_answer') }}
