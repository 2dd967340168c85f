with

parts as (
    select * from {{ ref('stg_tpch__parts') }}
),

parts_keyed as (
    select
        {{ integer_surrogate_key(['part_id']) }} as part_key,
        part_id,
        part_name,
        manufacturer,
        brand,
        part_type,
        size,
        container,
        retail_price
    from parts
),

unknown_member as (
    select
        -1 as part_key,
        -1 as part_id,
        'Unknown' as part_name,
        'Unknown' as manufacturer,
        'Unknown' as brand,
        'UNKNOWN' as part_type,
        cast(null as {{ dbt.type_int() }}) as size,
        'UNKNOWN' as container,
        cast(null as decimal(15, 2)) as retail_price
),

final as (
    select * from parts_keyed
    union all
    select * from unknown_member
)

select * from final
