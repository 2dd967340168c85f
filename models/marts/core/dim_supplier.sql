with

supplier_versions as (
    select * from {{ ref('suppliers_snapshot') }}
),

nations as (
    select * from {{ ref('int_nations_joined_to_regions') }}
),

versions_enriched as (
    select
        {{ integer_surrogate_key(['supplier_versions.supplier_id', 'supplier_versions.valid_from']) }}
            as supplier_key,
        {{ integer_surrogate_key(['supplier_versions.supplier_id']) }} as supplier_durable_key,
        supplier_versions.supplier_id,
        supplier_versions.supplier_name,
        supplier_versions.address,
        supplier_versions.phone,
        supplier_versions.account_balance,
        coalesce(nations.nation_name, 'UNKNOWN') as nation_name,
        nations.nation_iso_code,
        coalesce(nations.region_name, 'UNKNOWN') as region_name,
        supplier_versions.supplier_comment,
        supplier_versions.valid_from,
        supplier_versions.valid_to,
        {{ snapshot_version_flags('supplier_versions') }}
    from supplier_versions
    left join nations
        on supplier_versions.nation_id = nations.nation_id
),

unknown_member as (
    {{ unknown_member(
        keys=['supplier_key', 'supplier_durable_key', 'supplier_id'],
        attributes={
            'supplier_name': "'Unknown'",
            'address': 'cast(null as ' ~ dbt.type_string() ~ ')',
            'phone': 'cast(null as ' ~ dbt.type_string() ~ ')',
            'account_balance': 'cast(null as decimal(15, 2))',
            'nation_name': "'UNKNOWN'",
            'nation_iso_code': 'cast(null as ' ~ dbt.type_string() ~ ')',
            'region_name': "'UNKNOWN'",
            'supplier_comment': 'cast(null as ' ~ dbt.type_string() ~ ')',
        },
    ) }}
),

final as (
    select * from versions_enriched
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
