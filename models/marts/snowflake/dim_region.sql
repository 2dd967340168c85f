with

regions as (
    select * from {{ ref('stg_tpch__regions') }}
),

regions_keyed as (
    select
        {{ integer_surrogate_key(['region_id']) }} as region_key,
        region_id,
        region_name
    from regions
),

unknown_member as (
    select
        -1 as region_key,
        -1 as region_id,
        'UNKNOWN' as region_name
),

final as (
    select * from regions_keyed
    union all
    select * from unknown_member
)

select * from final
