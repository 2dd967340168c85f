with

customers as (
    select * from {{ ref('stg_tpch__customers') }}
),

nations as (
    select * from {{ ref('int_nations_joined_to_regions') }}
),

market_segments as (
    select * from {{ ref('tpch_market_segments') }}
),

customers_enriched as (
    select
        {{ integer_surrogate_key(['customers.customer_id']) }} as customer_key,
        customers.customer_id,
        customers.customer_name,
        customers.address,
        customers.phone,
        customers.account_balance,
        customers.market_segment,
        coalesce(market_segments.market_segment_name, 'Unknown') as market_segment_name,
        coalesce(nations.nation_name, 'UNKNOWN') as nation_name,
        nations.nation_iso_code,
        coalesce(nations.region_name, 'UNKNOWN') as region_name
    from customers
    left join nations
        on customers.nation_id = nations.nation_id
    left join market_segments
        on customers.market_segment = market_segments.market_segment
),

unknown_member as (
    select
        -1 as customer_key,
        -1 as customer_id,
        'Unknown' as customer_name,
        cast(null as {{ dbt.type_string() }}) as address,
        cast(null as {{ dbt.type_string() }}) as phone,
        cast(null as decimal(15, 2)) as account_balance,
        'UNKNOWN' as market_segment,
        'Unknown' as market_segment_name,
        'UNKNOWN' as nation_name,
        cast(null as {{ dbt.type_string() }}) as nation_iso_code,
        'UNKNOWN' as region_name
),

final as (
    select * from customers_enriched
    union all
    select * from unknown_member
)

select * from final
