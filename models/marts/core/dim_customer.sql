with

customer_versions as (
    select * from {{ ref('customers_snapshot') }}
),

nations as (
    select * from {{ ref('int_nations_joined_to_regions') }}
),

market_segments as (
    select * from {{ ref('tpch_market_segments') }}
),

versions_enriched as (
    select
        {{ integer_surrogate_key(['customer_versions.customer_id', 'customer_versions.valid_from']) }}
            as customer_key,
        {{ integer_surrogate_key(['customer_versions.customer_id']) }} as customer_durable_key,
        customer_versions.customer_id,
        customer_versions.customer_name,
        customer_versions.address,
        customer_versions.phone,
        customer_versions.account_balance,
        customer_versions.market_segment,
        coalesce(market_segments.market_segment_name, 'Unknown') as market_segment_name,
        coalesce(nations.nation_name, 'UNKNOWN') as nation_name,
        nations.nation_iso_code,
        coalesce(nations.region_name, 'UNKNOWN') as region_name,
        customer_versions.customer_comment,
        customer_versions.valid_from,
        customer_versions.valid_to,
        {{ snapshot_version_flags('customer_versions') }}
    from customer_versions
    left join nations
        on customer_versions.nation_id = nations.nation_id
    left join market_segments
        on customer_versions.market_segment = market_segments.market_segment
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
