with

source as (
    select * from {{ source('tpch', 'part') }}
),

renamed as (
    select
        cast(p_partkey as {{ dbt.type_bigint() }}) as part_id,
        cast(p_name as {{ dbt.type_string() }}) as part_name,
        cast(trim(p_mfgr) as {{ dbt.type_string() }}) as manufacturer,
        cast(trim(p_brand) as {{ dbt.type_string() }}) as brand,
        cast(upper(trim(p_type)) as {{ dbt.type_string() }}) as part_type,
        cast(p_size as {{ dbt.type_int() }}) as size,
        cast(upper(trim(p_container)) as {{ dbt.type_string() }}) as container,
        cast(p_retailprice as decimal(15, 2)) as retail_price,
        cast(p_comment as {{ dbt.type_string() }}) as part_comment,
        cast(_loaded_at as {{ dbt.type_timestamp() }}) as loaded_at,
        cast(load_date as date) as load_date
    from source
)

select * from renamed
