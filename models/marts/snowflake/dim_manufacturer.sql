with

part_versions as (
    select * from {{ ref('parts_snapshot') }}
),

manufacturers as (
    select distinct manufacturer
    from part_versions
),

manufacturers_keyed as (
    select
        {{ integer_surrogate_key(['manufacturer']) }} as manufacturer_key,
        manufacturer
    from manufacturers
),

unknown_member as (
    select
        -1 as manufacturer_key,
        'Unknown' as manufacturer
),

final as (
    select * from manufacturers_keyed
    union all
    select * from unknown_member
)

select * from final
