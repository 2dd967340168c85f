with

source as (
    select * from {{ source('tpch', 'supplier') }}
),

renamed as (
    select
        cast(s_suppkey as {{ dbt.type_bigint() }}) as supplier_id,
        cast(s_name as {{ dbt.type_string() }}) as supplier_name,
        cast(s_address as {{ dbt.type_string() }}) as address,
        cast(s_nationkey as {{ dbt.type_bigint() }}) as nation_id,
        cast(trim(s_phone) as {{ dbt.type_string() }}) as phone,
        cast(s_acctbal as decimal(15, 2)) as account_balance,
        cast(s_comment as {{ dbt.type_string() }}) as supplier_comment,
        cast(_loaded_at as {{ dbt.type_timestamp() }}) as loaded_at,
        cast(load_date as date) as load_date
    from source
)

select * from renamed
