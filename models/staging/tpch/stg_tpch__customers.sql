with

source as (
    select * from {{ source('tpch', 'customer') }}
),

renamed as (
    select
        cast(c_custkey as {{ dbt.type_bigint() }}) as customer_id,
        cast(c_name as {{ dbt.type_string() }}) as customer_name,
        cast(c_address as {{ dbt.type_string() }}) as address,
        cast(c_nationkey as {{ dbt.type_bigint() }}) as nation_id,
        cast(trim(c_phone) as {{ dbt.type_string() }}) as phone,
        cast(c_acctbal as decimal(15, 2)) as account_balance,
        cast(upper(trim(c_mktsegment)) as {{ dbt.type_string() }}) as market_segment,
        cast(c_comment as {{ dbt.type_string() }}) as customer_comment,
        cast(_loaded_at as {{ dbt.type_timestamp() }}) as loaded_at,
        cast(load_date as date) as load_date
    from source
)

select * from renamed
