with

nations as (
    select * from {{ ref('stg_tpch__nations') }}
),

regions as (
    select * from {{ ref('stg_tpch__regions') }}
),

nation_iso_codes as (
    select * from {{ ref('tpch_nation_iso_codes') }}
),

nations_joined_to_regions as (
    select
        nations.nation_id,
        nations.nation_name,
        nation_iso_codes.iso_alpha2_code as nation_iso_code,
        nations.region_id,
        coalesce(regions.region_name, 'UNKNOWN') as region_name
    from nations
    left join regions
        on nations.region_id = regions.region_id
    left join nation_iso_codes
        on nations.nation_id = nation_iso_codes.nation_id
)

select * from nations_joined_to_regions
