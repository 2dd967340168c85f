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
    {{ unknown_member(
        keys=['region_key', 'region_id'], attributes={'region_name': "'UNKNOWN'"}, versioned=false
    ) }}
),

final as (
    select * from regions_keyed
    union all
    select * from unknown_member
)

select * from final
