-- Supplier offers (the part-sourcing process): one row per version of an offer of a part by a
-- supplier, with the supply cost and the quantity on hand. A time-span (validity) fact rather
-- than a periodic snapshot: offers change rarely, so one row per change costs far less than
-- one row per offer per day (800,000 offers at SF 1), and a point-in-time question filters
-- valid_from <= t < valid_to. Today the raw zone has no CDC feed for partsupp, so each offer
-- has one version, valid from the start of history (var history_start_at) and current.
-- part_key and supplier_key name the dimension versions valid when the offer version starts.
with

offers as (
    select * from {{ ref('stg_tpch__part_suppliers') }}
),

parts as (
    select
        part_key,
        part_id,
        valid_from,
        valid_to
    from {{ ref('dim_part') }}
    where part_key != -1
),

suppliers as (
    select
        supplier_key,
        supplier_id,
        valid_from,
        valid_to
    from {{ ref('dim_supplier') }}
    where supplier_key != -1
),

offer_versions as (
    select
        part_id,
        supplier_id,
        available_quantity,
        supply_cost,
        part_supplier_comment,
        cast('{{ var("history_start_at") }}' as {{ dbt.type_timestamp() }}) as valid_from,
        cast('9999-12-31' as {{ dbt.type_timestamp() }}) as valid_to
    from offers
),

keyed as (
    select
        {{ integer_surrogate_key([
            'offer_versions.part_id', 'offer_versions.supplier_id', 'offer_versions.valid_from'
        ]) }} as part_supplier_key,
        coalesce(parts.part_key, -1) as part_key,
        coalesce(suppliers.supplier_key, -1) as supplier_key,
        offer_versions.part_id,
        offer_versions.supplier_id,
        offer_versions.available_quantity,
        offer_versions.supply_cost,
        cast(
            offer_versions.supply_cost * offer_versions.available_quantity as decimal(18, 2)
        ) as supply_value,
        offer_versions.part_supplier_comment,
        offer_versions.valid_from,
        offer_versions.valid_to,
        offer_versions.valid_to = cast('9999-12-31' as {{ dbt.type_timestamp() }}) as is_current,
        {{ raw_zone_loaded_at() }} as loaded_at
    from offer_versions
    left join parts
        on
            offer_versions.part_id = parts.part_id
            and offer_versions.valid_from >= parts.valid_from
            and offer_versions.valid_from < parts.valid_to
    left join suppliers
        on
            offer_versions.supplier_id = suppliers.supplier_id
            and offer_versions.valid_from >= suppliers.valid_from
            and offer_versions.valid_from < suppliers.valid_to
)

select * from keyed
