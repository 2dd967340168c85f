with

part_versions as (
    select * from {{ ref('parts_snapshot') }}
),

versions_keyed as (
    select
        {{ integer_surrogate_key(['part_id', 'valid_from']) }} as part_key,
        {{ integer_surrogate_key(['part_id']) }} as part_durable_key,
        part_id,
        part_name,
        manufacturer,
        brand,
        part_type,
        size,
        container,
        retail_price,
        valid_from,
        valid_to,
        {{ snapshot_version_flags() }}
    from part_versions
),

unknown_member as (
    select
        -1 as part_key,
        -1 as part_durable_key,
        -1 as part_id,
        'Unknown' as part_name,
        'Unknown' as manufacturer,
        'Unknown' as brand,
        'UNKNOWN' as part_type,
        cast(null as {{ dbt.type_int() }}) as size,
        'UNKNOWN' as container,
        cast(null as decimal(15, 2)) as retail_price,
        cast('1900-01-01' as {{ dbt.type_timestamp() }}) as valid_from,
        cast('9999-12-31' as {{ dbt.type_timestamp() }}) as valid_to,
        true as is_current,
        false as is_deleted
),

final as (
    select * from versions_keyed
    union all
    select * from unknown_member
),

with_loaded_at as (
    select
        final.*,
        {{ raw_zone_loaded_at() }} as loaded_at
    from final
)

select * from with_loaded_at
