{%- set month_names = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
                       'August', 'September', 'October', 'November', 'December'] -%}
{%- set day_names = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday',
                     'Sunday'] -%}

with

orders as (
    select * from {{ ref('int_orders_current') }}
),

line_items as (
    select * from {{ ref('int_line_items_current') }}
),

fact_dates as (
    select order_date as fact_date from orders
    union all
    select ship_date as fact_date from line_items
    union all
    select commit_date as fact_date from line_items
    union all
    select receipt_date as fact_date from line_items
),

bounds as (
    -- Whole calendar years around every date a fact uses.
    select
        {{ dbt.date_trunc('year', 'min(fact_date)') }} as first_date,
        {{ dbt.last_day('max(fact_date)', 'year') }} as last_date
    from fact_dates
),

spine as (
    {{ day_spine('(select first_date from bounds)', '(select last_date from bounds)') }}
),

calendar as (
    select
        date_day,
        cast(extract(year from date_day) as {{ dbt.type_int() }}) as year_number,
        cast(extract(quarter from date_day) as {{ dbt.type_int() }}) as quarter_number,
        cast(extract(month from date_day) as {{ dbt.type_int() }}) as month_number,
        cast(extract(day from date_day) as {{ dbt.type_int() }}) as day_of_month,
        cast({{ date_part("isodow", "date_day") }} as {{ dbt.type_int() }}) as day_of_week,
        cast(extract(week from date_day) as {{ dbt.type_int() }}) as iso_week,
        cast({{ date_part("isoyear", "date_day") }} as {{ dbt.type_int() }}) as iso_year
    from spine
),

dates as (
    select
        {{ date_key('date_day') }} as date_key,
        date_day as full_date,
        year_number as year,
        quarter_number as quarter,
        month_number as month,
        case month_number
            {%- for name in month_names %}
                when {{ loop.index }} then '{{ name }}'
            {%- endfor %}
        end as month_name,
        day_of_month,
        day_of_week,
        case day_of_week
            {%- for name in day_names %}
                when {{ loop.index }} then '{{ name }}'
            {%- endfor %}
        end as day_name,
        iso_week,
        iso_year,
        day_of_week in (6, 7) as is_weekend
    from calendar
),

unknown_member as (
    {{ unknown_member(
        keys=['date_key'],
        attributes={
            'full_date': 'cast(null as date)',
            'year': 'cast(null as ' ~ dbt.type_int() ~ ')',
            'quarter': 'cast(null as ' ~ dbt.type_int() ~ ')',
            'month': 'cast(null as ' ~ dbt.type_int() ~ ')',
            'month_name': "'Unknown'",
            'day_of_month': 'cast(null as ' ~ dbt.type_int() ~ ')',
            'day_of_week': 'cast(null as ' ~ dbt.type_int() ~ ')',
            'day_name': "'Unknown'",
            'iso_week': 'cast(null as ' ~ dbt.type_int() ~ ')',
            'iso_year': 'cast(null as ' ~ dbt.type_int() ~ ')',
            'is_weekend': 'cast(null as boolean)',
        },
        versioned=false,
    ) }}
),

final as (
    select * from dates
    union all
    select * from unknown_member
),

with_loaded_at as (
    select
        final.*,
        {{ raw_zone_loaded_at() }} as loaded_at
    from final
)

select * from with_loaded_at
