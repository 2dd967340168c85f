{% macro date_part(datepart, date) -%}
    {#- One part of a date or timestamp as a number, PostgreSQL's part names (year, quarter,
        month, day, week = ISO week, isodow = ISO day of week 1-7 from Monday, isoyear = year
        of the ISO week). Dispatched: EXTRACT on DuckDB and PostgreSQL; Spark spells the
        ISO parts differently (spark__date_part). -#}
    {{ return(adapter.dispatch('date_part')(datepart, date)) }}
{%- endmacro %}
