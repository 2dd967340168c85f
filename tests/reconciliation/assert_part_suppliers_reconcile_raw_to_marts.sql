-- Every offer of the raw base extract (partsupp) is one current row of fct_part_supplier, with
-- the same total available quantity and supply value (to the cent), and every row finds its
-- part and supplier versions (no unknown member). Returns each failing check.
with

raw_offers as (
    select
        count(*) as offer_count,
        sum(ps_availqty) as available_quantity,
        sum(ps_supplycost * ps_availqty) as supply_value
    from {{ source('tpch', 'partsupp') }}
),

mart_offers as (
    select
        count(*) as offer_count,
        sum(available_quantity) as available_quantity,
        sum(supply_value) as supply_value,
        sum(case when part_key = -1 or supplier_key = -1 then 1 else 0 end) as unresolved_keys
    from {{ ref('fct_part_supplier') }}
    where is_current
),

checks as (
    select
        'current offers differ from raw partsupp' as failure,
        raw_offers.offer_count as raw_value,
        mart_offers.offer_count as mart_value
    from raw_offers cross join mart_offers
    where raw_offers.offer_count <> mart_offers.offer_count
    union all
    select
        'available quantity differs from raw partsupp' as failure,
        raw_offers.available_quantity as raw_value,
        mart_offers.available_quantity as mart_value
    from raw_offers cross join mart_offers
    where raw_offers.available_quantity <> mart_offers.available_quantity
    union all
    select
        'supply value differs from raw partsupp' as failure,
        raw_offers.supply_value as raw_value,
        mart_offers.supply_value as mart_value
    from raw_offers cross join mart_offers
    where raw_offers.supply_value <> mart_offers.supply_value
    union all
    select
        'offers without their part or supplier version' as failure,
        0 as raw_value,
        mart_offers.unresolved_keys as mart_value
    from mart_offers
    where mart_offers.unresolved_keys <> 0
)

select * from checks
