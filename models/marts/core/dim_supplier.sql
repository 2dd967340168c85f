with

suppliers as (
    select * from {{ ref('stg_tpch__suppliers') }}
),

nations as (
    select * from {{ ref('int_nations_joined_to_regions') }}
),

suppliers_enriched as (
    select
        {{ integer_surrogate_key(['suppliers.supplier_id']) }} as supplier_key,
        suppliers.supplier_id,
        suppliers.supplier_name,
        suppliers.address,
        suppliers.phone,
        suppliers.account_balance,
        coalesce(nations.nation_name, 'UNKNOWN') as nation_name,
        nations.nation_iso_code,
        coalesce(nations.region_name, 'UNKNOWN') as region_name
    from suppliers
    left join nations
        on suppliers.nation_id = nations.nation_id
),

unknown_member as (
    select
        -1 as supplier_key,
        -1 as supplier_id,
        'Unknown' as supplier_name,
        cast(null as {{ dbt.type_string() }}) as address,
        cast(null as {{ dbt.type_string() }}) as phone,
        cast(null as decimal(15, 2)) as account_balance,
        'UNKNOWN' as nation_name,
        cast(null as {{ dbt.type_string() }}) as nation_iso_code,
        'UNKNOWN' as region_name
),

final as (
    select * from suppliers_enriched
    union all
    select * from unknown_member
)

select * from final
