-- The offers reconcile from raw to fct_part_supplier, to the cent, at both ends of history:
-- every offer of the raw base extract (partsupp) is one row valid at the base extract's end,
-- and every live offer of the CDC current state (base + accepted events, withdrawals
-- excluded) is one current row, with the same total available quantity and supply value.
-- Every row finds its part and supplier versions (no unknown member). Returns each failing
-- check.
with

raw_base_offers as (
    select
        'base extract' as point_in_time,
        count(*) as offer_count,
        sum(ps_availqty) as available_quantity,
        sum(ps_supplycost * ps_availqty) as supply_value
    from {{ source('tpch', 'partsupp') }}
),

raw_current_offers as (
    select
        'current' as point_in_time,
        count(*) as offer_count,
        sum(available_quantity) as available_quantity,
        sum(supply_cost * available_quantity) as supply_value
    from {{ ref('int_part_suppliers_current') }}
    where not is_deleted
),

offer_versions as (
    select * from {{ ref('fct_part_supplier') }}
),

mart_base_offers as (
    select
        'base extract' as point_in_time,
        count(*) as offer_count,
        sum(available_quantity) as available_quantity,
        sum(supply_value) as supply_value
    from offer_versions
    where {{ valid_at_base_extract() }}
),

mart_current_offers as (
    select
        'current' as point_in_time,
        count(*) as offer_count,
        sum(available_quantity) as available_quantity,
        sum(supply_value) as supply_value
    from offer_versions
    where is_current
),

raw_offers as (
    select * from raw_base_offers
    union all
    select * from raw_current_offers
),

mart_offers as (
    select * from mart_base_offers
    union all
    select * from mart_current_offers
),

compared as (
    select
        raw_offers.point_in_time,
        raw_offers.offer_count as raw_offer_count,
        mart_offers.offer_count as mart_offer_count,
        raw_offers.available_quantity as raw_available_quantity,
        mart_offers.available_quantity as mart_available_quantity,
        raw_offers.supply_value as raw_supply_value,
        mart_offers.supply_value as mart_supply_value
    from raw_offers
    inner join mart_offers
        on raw_offers.point_in_time = mart_offers.point_in_time
),

checks as (
    select
        point_in_time || ': offers differ' as failure,
        raw_offer_count as raw_value,
        mart_offer_count as mart_value
    from compared
    where raw_offer_count <> mart_offer_count
    union all
    select
        point_in_time || ': available quantity differs' as failure,
        raw_available_quantity as raw_value,
        mart_available_quantity as mart_value
    from compared
    where raw_available_quantity <> mart_available_quantity
    union all
    select
        point_in_time || ': supply value differs' as failure,
        raw_supply_value as raw_value,
        mart_supply_value as mart_value
    from compared
    where raw_supply_value <> mart_supply_value
    union all
    select
        'offer versions without their part or supplier version' as failure,
        0 as raw_value,
        count(*) as mart_value
    from offer_versions
    where part_key = -1 or supplier_key = -1
    having count(*) > 0
)

select * from checks
