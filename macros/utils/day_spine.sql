{% macro day_spine(start_date, end_date) -%}
    {#- A query returning one row per calendar day from start_date to end_date inclusive,
        as column date_day (DATE). Both arguments are scalar SQL expressions (literals,
        columns of a one-row CTE via scalar subqueries), evaluated at run time, unlike
        dbt.date_spine which needs its bounds at compile time. -#}
    {{ return(adapter.dispatch('day_spine')(start_date, end_date)) }}
{%- endmacro %}

{% macro default__day_spine(start_date, end_date) -%}
    {{ exceptions.raise_compiler_error(
        "day_spine has no implementation for adapter '" ~ adapter.type()
        ~ "'; add " ~ adapter.type() ~ "__day_spine in macros/utils/day_spine.sql") }}
{%- endmacro %}

{% macro duckdb__day_spine(start_date, end_date) -%}
    select
        cast(unnest(generate_series(
            cast({{ start_date }} as timestamp),
            cast({{ end_date }} as timestamp),
            interval 1 day
        )) as date) as date_day
{%- endmacro %}

{% macro postgres__day_spine(start_date, end_date) -%}
    select
        cast(generate_series(
            cast({{ start_date }} as timestamp),
            cast({{ end_date }} as timestamp),
            interval '1 day'
        ) as date) as date_day
{%- endmacro %}
