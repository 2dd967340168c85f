with

source as (
    select * from {{ source('tpch', 'orders') }}
),

renamed as (
    select
        cast(o_orderkey as {{ dbt.type_bigint() }}) as order_id,
        cast(o_custkey as {{ dbt.type_bigint() }}) as customer_id,
        cast(upper(trim(o_orderstatus)) as {{ dbt.type_string() }}) as order_status,
        cast(o_totalprice as decimal(15, 2)) as total_price,
        cast(o_orderdate as date) as order_date,
        cast(upper(trim(o_orderpriority)) as {{ dbt.type_string() }}) as order_priority,
        cast(trim(o_clerk) as {{ dbt.type_string() }}) as clerk,
        cast(o_shippriority as {{ dbt.type_int() }}) as ship_priority,
        cast(o_comment as {{ dbt.type_string() }}) as order_comment,
        cast(_loaded_at as {{ dbt.type_timestamp() }}) as loaded_at,
        cast(load_date as date) as load_date
    from source
)

select * from renamed
