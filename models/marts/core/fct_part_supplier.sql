{{
    config(
        materialized='incremental',
        incremental_strategy='merge',
        unique_key='part_supplier_key',
        on_schema_change='append_new_columns',
        meta={'test_window': {'loaded': 'last_load_date'}}
    )
}}

-- Supplier offers (the part-sourcing process): one row per version of an offer of a part by a
-- supplier, with the supply cost and the quantity on hand. A time-span (validity) fact rather
-- than a periodic snapshot: offers change rarely, so one row per change costs far less than
-- one row per offer per day (800,000 offers at SF 1), and a point-in-time question filters
-- valid_from <= t < valid_to. The versions come from part_suppliers_snapshot (SCD type 2 of
-- the CDC current state); a withdrawn offer's last version ends at the withdrawal and the
-- withdrawal itself is no row (the offer then has no current row). part_key and supplier_key
-- name the dimension versions valid when the offer version starts. Incremental: every
-- version of an offer that changed within the lookback window is recomputed (a new version
-- closes the previous one) and merged on part_supplier_key.
with

snapshot_versions as (
    select * from {{ ref('part_suppliers_snapshot') }}
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

{%- if is_incremental() %}

changed_offers as (
    select distinct
        part_id,
        supplier_id
    from snapshot_versions
    where last_load_date >= {{ incremental_cutoff() }}
),
{%- endif %}

versions_in_scope as (
    select
        snapshot_versions.*,
        -- The load date of the event that closed the version (the next version's), else its own.
        coalesce(
            lead(snapshot_versions.last_load_date) over (
                partition by snapshot_versions.part_id, snapshot_versions.supplier_id
                order by snapshot_versions.valid_from
            ),
            snapshot_versions.last_load_date
        ) as closing_load_date
    from snapshot_versions
    {%- if is_incremental() %}
        inner join changed_offers
            on
                snapshot_versions.part_id = changed_offers.part_id
                and snapshot_versions.supplier_id = changed_offers.supplier_id
    {%- endif %}
),

offer_versions as (
    select * from versions_in_scope
    where not is_deleted
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
        {{ raw_zone_loaded_at('offer_versions.closing_load_date') }} as loaded_at,
        offer_versions.closing_load_date as last_load_date
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
