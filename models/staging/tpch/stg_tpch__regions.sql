with

source as (
    select * from {{ source('tpch', 'region') }}
),

renamed as (
    select
        cast(r_regionkey as {{ dbt.type_bigint() }}) as region_id,
        cast(upper(trim(r_name)) as {{ dbt.type_string() }}) as region_name,
        cast(r_comment as {{ dbt.type_string() }}) as region_comment,
        cast(_loaded_at as {{ dbt.type_timestamp() }}) as loaded_at,
        cast(load_date as date) as load_date
    from source
)

select * from renamed
