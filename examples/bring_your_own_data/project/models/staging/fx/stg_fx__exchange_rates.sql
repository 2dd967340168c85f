with

source as (
    select * from {{ source('fx', 'exchange_rates') }}
),

renamed as (
    select
        cast(upper(trim(currency_code)) as {{ dbt.type_string() }}) as currency_code,
        cast(rate_date as date) as rate_date,
        cast(usd_per_unit as decimal(18, 6)) as usd_per_unit,
        cast(_loaded_at as {{ dbt.type_timestamp() }}) as loaded_at,
        cast(load_date as date) as load_date
    from source
)

select * from renamed
