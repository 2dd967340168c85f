with

part_versions as (
    select * from {{ ref('parts_snapshot') }}
),

brands as (
    select distinct
        brand,
        manufacturer
    from part_versions
),

brands_keyed as (
    select
        {{ integer_surrogate_key(['brand']) }} as brand_key,
        brand,
        {{ integer_surrogate_key(['manufacturer']) }} as manufacturer_key
    from brands
),

unknown_member as (
    select
        -1 as brand_key,
        'Unknown' as brand,
        -1 as manufacturer_key
),

final as (
    select * from brands_keyed
    union all
    select * from unknown_member
)

select * from final
