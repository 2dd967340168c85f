-- One row per current customer: SCD type 1 (current values overwrite history) with one SCD
-- type 3 column pair (market_segment / previous_market_segment + the change time). The one
-- definition behind both versions of dim_customer_current. See _core__docs.md.
with

customer_versions as (
    select * from {{ ref('dim_customer') }}
    where customer_key <> -1
),

versions_with_previous_segment as (
    select
        customer_id,
        market_segment,
        valid_from,
        lag(market_segment) over (partition by customer_id order by valid_from) as segment_before
    from customer_versions
),

segment_changes as (
    select
        customer_id,
        segment_before as previous_market_segment,
        valid_from as market_segment_changed_at,
        row_number() over (partition by customer_id order by valid_from desc) as recency
    from versions_with_previous_segment
    where segment_before <> market_segment
),

current_versions as (
    select * from customer_versions
    where is_current
),

type_1_with_type_3 as (
    select
        current_versions.customer_durable_key,
        current_versions.customer_id,
        current_versions.customer_key as current_customer_key,
        current_versions.customer_name,
        current_versions.address,
        current_versions.phone,
        current_versions.account_balance,
        current_versions.market_segment,
        current_versions.market_segment_name,
        segment_changes.previous_market_segment,
        segment_changes.market_segment_changed_at,
        current_versions.nation_name,
        current_versions.nation_iso_code,
        current_versions.region_name,
        current_versions.is_deleted,
        current_versions.valid_from as last_changed_at
    from current_versions
    left join segment_changes
        on
            current_versions.customer_id = segment_changes.customer_id
            and segment_changes.recency = 1
),

with_loaded_at as (
    select
        type_1_with_type_3.*,
        {{ raw_zone_loaded_at() }} as loaded_at
    from type_1_with_type_3
)

select * from with_loaded_at
