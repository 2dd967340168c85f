with

source as (
    select * from {{ source('tpch', 'lineitem') }}
),

renamed as (
    select
        cast(l_orderkey as {{ dbt.type_bigint() }}) as order_id,
        cast(l_linenumber as {{ dbt.type_int() }}) as line_number,
        cast(l_partkey as {{ dbt.type_bigint() }}) as part_id,
        cast(l_suppkey as {{ dbt.type_bigint() }}) as supplier_id,
        cast(l_quantity as decimal(15, 2)) as quantity,
        cast(l_extendedprice as decimal(15, 2)) as extended_price,
        cast(l_discount as decimal(15, 2)) as discount_rate,
        cast(l_tax as decimal(15, 2)) as tax_rate,
        cast(upper(trim(l_returnflag)) as {{ dbt.type_string() }}) as return_flag,
        cast(upper(trim(l_linestatus)) as {{ dbt.type_string() }}) as line_status,
        cast(l_shipdate as date) as ship_date,
        cast(l_commitdate as date) as commit_date,
        cast(l_receiptdate as date) as receipt_date,
        cast(upper(trim(l_shipinstruct)) as {{ dbt.type_string() }}) as ship_instruction,
        cast(upper(trim(l_shipmode)) as {{ dbt.type_string() }}) as ship_mode,
        cast(l_comment as {{ dbt.type_string() }}) as line_comment,
        cast(_loaded_at as {{ dbt.type_timestamp() }}) as loaded_at,
        cast(load_date as date) as load_date
    from source
)

select * from renamed
