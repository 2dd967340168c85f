with

customers as (
    select * from {{ ref('hub_customer') }}
),

customer_pit as (
    select * from {{ ref('pit_customer') }}
),

customer_details as (
    select * from {{ ref('sat_customer_details') }}
),

customer_status as (
    select * from {{ ref('sat_customer_status') }}
),

nations as (
    select
        hub_nation.nation_id,
        nation_details.nation_name,
        region_details.region_name
    from {{ ref('hub_nation') }} as hub_nation
    inner join {{ ref('sat_nation_details') }} as nation_details
        on hub_nation.nation_hk = nation_details.nation_hk
    left join {{ ref('link_nation_region') }} as nation_region
        on hub_nation.nation_hk = nation_region.nation_hk
    left join {{ ref('sat_region_details') }} as region_details
        on nation_region.region_hk = region_details.region_hk
),

nation_iso_codes as (
    select * from {{ ref('tpch_nation_iso_codes') }}
),

market_segments as (
    select * from {{ ref('tpch_market_segments') }}
),

-- The customer's state at the end of each snapshot date, and since when it held.
daily_states as (
    select
        customer_pit.customer_hk,
        customer_pit.snapshot_date,
        customer_details.customer_name,
        customer_details.address,
        customer_details.nation_id,
        customer_details.phone,
        customer_details.account_balance,
        customer_details.market_segment,
        customer_details.customer_comment,
        customer_status.is_deleted,
        greatest(
            customer_pit.customer_details_effective_from,
            customer_pit.customer_status_effective_from
        ) as state_started_at,
        {{ vault_hashdiff([
            'customer_details.customer_name',
            'customer_details.address',
            'customer_details.nation_id',
            'customer_details.phone',
            'customer_details.account_balance',
            'customer_details.market_segment',
            'customer_status.is_deleted'
        ]) }} as tracked_hashdiff
    from customer_pit
    inner join customer_details
        on
            customer_pit.customer_details_hk = customer_details.customer_hk
            and customer_pit.customer_details_effective_from = customer_details.effective_from
    inner join customer_status
        on
            customer_pit.customer_status_hk = customer_status.customer_hk
            and customer_pit.customer_status_effective_from = customer_status.effective_from
    where customer_pit.customer_details_hk <> '{{ vault_zero_key() }}'
),

compared_states as (
    select
        *,
        lag(tracked_hashdiff) over (
            partition by customer_hk order by snapshot_date
        ) as previous_tracked_hashdiff
    from daily_states
),

-- A version starts on the first snapshot date whose tracked attributes differ from the
-- previous date's (the dbt snapshot's check strategy, read from the vault).
versions as (
    select
        customer_hk,
        customer_name,
        address,
        nation_id,
        phone,
        account_balance,
        market_segment,
        customer_comment,
        is_deleted,
        state_started_at as valid_from,
        coalesce(
            lead(state_started_at) over (partition by customer_hk order by snapshot_date),
            cast('9999-12-31' as {{ dbt.type_timestamp() }})
        ) as valid_to
    from compared_states
    where
        previous_tracked_hashdiff is null
        or previous_tracked_hashdiff <> tracked_hashdiff
),

versions_enriched as (
    select
        {{ integer_surrogate_key(['customers.customer_id', 'versions.valid_from']) }} as customer_key,
        {{ integer_surrogate_key(['customers.customer_id']) }} as customer_durable_key,
        customers.customer_id,
        versions.customer_name,
        versions.address,
        versions.phone,
        versions.account_balance,
        versions.market_segment,
        coalesce(market_segments.market_segment_name, 'Unknown') as market_segment_name,
        coalesce(nations.nation_name, 'UNKNOWN') as nation_name,
        nation_iso_codes.iso_alpha2_code as nation_iso_code,
        coalesce(nations.region_name, 'UNKNOWN') as region_name,
        versions.customer_comment,
        versions.valid_from,
        versions.valid_to,
        versions.valid_to = cast('9999-12-31' as {{ dbt.type_timestamp() }}) as is_current,
        versions.is_deleted
    from versions
    inner join customers
        on versions.customer_hk = customers.customer_hk
    left join nations
        on versions.nation_id = nations.nation_id
    left join nation_iso_codes
        on versions.nation_id = nation_iso_codes.nation_id
    left join market_segments
        on versions.market_segment = market_segments.market_segment
),

unknown_member as (
    {{ customer_unknown_member() }}
),

final as (
    select * from versions_enriched
    union all
    select * from unknown_member
),

with_loaded_at as (
    select
        final.*,
        {{ raw_zone_loaded_at() }} as loaded_at
    from final
)

select * from with_loaded_at
