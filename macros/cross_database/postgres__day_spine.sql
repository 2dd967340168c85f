{% macro postgres__day_spine(start_date, end_date) -%}
    select
        cast(generate_series(
            cast({{ start_date }} as timestamp),
            cast({{ end_date }} as timestamp),
            interval '1 day'
        ) as date) as date_day
{%- endmacro %}
