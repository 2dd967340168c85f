-- MetricFlow's time spine: one row per calendar day of dim_date (the unknown member left out).
select cast(dim_date.full_date as {{ dbt.type_timestamp() }}) as date_day
from {{ ref('dim_date') }} as dim_date
where dim_date.full_date is not null
