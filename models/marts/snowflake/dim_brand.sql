with

parts as (
    -- Every part version of the star's dim_part except its unknown member (the outrigger has its own).
    select * from {{ ref('dim_part') }}
    where part_key <> -1
),

brands as (
    select distinct
        brand,
        manufacturer
    from parts
),

brands_keyed as (
    select
        {{ integer_surrogate_key(['brand']) }} as brand_key,
        brand,
        {{ integer_surrogate_key(['manufacturer']) }} as manufacturer_key
    from brands
),

unknown_member as (
    {{ unknown_member(
        keys=['brand_key'], attributes={'brand': "'Unknown'", 'manufacturer_key': '-1'}, versioned=false
    ) }}
),

final as (
    select * from brands_keyed
    union all
    select * from unknown_member
)

select * from final
