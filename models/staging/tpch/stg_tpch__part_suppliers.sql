with

source as (
    select * from {{ source('tpch', 'partsupp') }}
),

renamed as (
    select
        cast(ps_partkey as {{ dbt.type_bigint() }}) as part_id,
        cast(ps_suppkey as {{ dbt.type_bigint() }}) as supplier_id,
        cast(ps_availqty as {{ dbt.type_int() }}) as available_quantity,
        cast(ps_supplycost as decimal(15, 2)) as supply_cost,
        cast(ps_comment as {{ dbt.type_string() }}) as part_supplier_comment,
        cast(_loaded_at as {{ dbt.type_timestamp() }}) as loaded_at,
        cast(load_date as date) as load_date
    from source
)

select * from renamed
