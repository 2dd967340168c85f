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
        supplier_versions.valid_from,
        supplier_versions.valid_to,
        {{ snapshot_version_flags('supplier_versions') }}
    from supplier_versions
    left join nations
        on supplier_versions.nation_id = nations.nation_id
),

unknown_member as (
    select
        -1 as supplier_key,
        -1 as supplier_durable_key,
        -1 as supplier_id,
        'Unknown' as supplier_name,
        cast(null as {{ dbt.type_string() }}) as address,
        cast(null as {{ dbt.type_string() }}) as phone,
        cast(null as decimal(15, 2)) as account_balance,
        'UNKNOWN' as nation_name,
        cast(null as {{ dbt.type_string() }}) as nation_iso_code,
        'UNKNOWN' as region_name,
        cast('1900-01-01' as {{ dbt.type_timestamp() }}) as valid_from,
        cast('9999-12-31' as {{ dbt.type_timestamp() }}) as valid_to,
        true as is_current,
        false as is_deleted
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
