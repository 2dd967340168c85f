with

parts as (
    -- Every part version of the star's dim_part except its unknown member (the outrigger has its own).
    select * from {{ ref('dim_part') }}
    where part_key <> -1
),

part_types as (
    select distinct part_type
    from parts
),

part_types_keyed as (
    select
        {{ integer_surrogate_key(['part_type']) }} as part_type_key,
        part_type,
        {{ dbt.split_part('part_type', "' '", 1) }} as type_class,
        {{ dbt.split_part('part_type', "' '", 2) }} as type_finish,
        {{ dbt.split_part('part_type', "' '", 3) }} as type_material
    from part_types
),

unknown_member as (
    {{ unknown_member(
        keys=['part_type_key'],
        attributes={
            'part_type': "'UNKNOWN'",
            'type_class': "'UNKNOWN'",
            'type_finish': "'UNKNOWN'",
            'type_material': "'UNKNOWN'",
        },
        versioned=false,
    ) }}
),

final as (
    select * from part_types_keyed
    union all
    select * from unknown_member
)

select * from final
