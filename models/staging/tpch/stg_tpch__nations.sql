with

source as (
    select * from {{ source('tpch', 'nation') }}
),

renamed as (
    select
        cast(n_nationkey as {{ dbt.type_bigint() }}) as nation_id,
        cast(upper(trim(n_name)) as {{ dbt.type_string() }}) as nation_name,
        cast(n_regionkey as {{ dbt.type_bigint() }}) as region_id,
        cast(n_comment as {{ dbt.type_string() }}) as nation_comment,
        cast(_loaded_at as {{ dbt.type_timestamp() }}) as loaded_at,
        cast(load_date as date) as load_date
    from source
)

select * from renamed
