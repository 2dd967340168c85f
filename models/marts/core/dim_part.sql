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
        part_comment,
        valid_from,
        valid_to,
        {{ snapshot_version_flags() }}
    from part_versions
),

unknown_member as (
    {{ unknown_member(
        keys=['part_key', 'part_durable_key', 'part_id'],
        attributes={
            'part_name': "'Unknown'",
            'manufacturer': "'Unknown'",
            'brand': "'Unknown'",
            'part_type': "'UNKNOWN'",
            'size': 'cast(null as ' ~ dbt.type_int() ~ ')',
            'container': "'UNKNOWN'",
            'retail_price': 'cast(null as decimal(15, 2))',
            'part_comment': 'cast(null as ' ~ dbt.type_string() ~ ')',
        },
    ) }}
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
