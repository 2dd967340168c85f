{% macro date_key(date_expression) -%}
    {#- Integer date key yyyymmdd for a date (e.g. 1996-03-13 -> 19960313); -1 (the
        unknown member of dim_date) when the date is NULL. Portable: extract() is ANSI. -#}
    coalesce(
        cast(
            extract(year from {{ date_expression }}) * 10000
            + extract(month from {{ date_expression }}) * 100
            + extract(day from {{ date_expression }})
            as {{ dbt.type_int() }}
        ),
        -1
    )
{%- endmacro %}
