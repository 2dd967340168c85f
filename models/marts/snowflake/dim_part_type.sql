with

part_versions as (
    select * from {{ ref('parts_snapshot') }}
),

part_types as (
    select distinct part_type
    from part_versions
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
    select
        -1 as part_type_key,
        'UNKNOWN' as part_type,
        'UNKNOWN' as type_class,
        'UNKNOWN' as type_finish,
        'UNKNOWN' as type_material
),

final as (
    select * from part_types_keyed
    union all
    select * from unknown_member
)

select * from final
