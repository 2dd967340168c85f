{% macro day_spine(start_date, end_date) -%}
    {#- A query returning one row per calendar day from start_date to end_date inclusive,
        as column date_day (DATE). Both arguments are scalar SQL expressions (literals,
        columns of a one-row CTE via scalar subqueries), evaluated at run time, unlike
        dbt.date_spine which needs its bounds at compile time. -#}
    {{ return(adapter.dispatch('day_spine')(start_date, end_date)) }}
{%- endmacro %}
