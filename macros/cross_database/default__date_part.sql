{% macro default__date_part(datepart, date) -%}
    {#- DuckDB, PostgreSQL: EXTRACT with the part name as given. -#}
    extract({{ datepart }} from {{ date }})
{%- endmacro %}
