with

parts as (
    -- Every part version of the star's dim_part except its unknown member (the outrigger has its own).
    select * from {{ ref('dim_part') }}
    where part_key <> -1
),

manufacturers as (
    select distinct manufacturer
    from parts
),

manufacturers_keyed as (
    select
        {{ integer_surrogate_key(['manufacturer']) }} as manufacturer_key,
        manufacturer
    from manufacturers
),

unknown_member as (
    {{ unknown_member(keys=['manufacturer_key'], attributes={'manufacturer': "'Unknown'"}, versioned=false) }}
),

final as (
    select * from manufacturers_keyed
    union all
    select * from unknown_member
)

select * from final
