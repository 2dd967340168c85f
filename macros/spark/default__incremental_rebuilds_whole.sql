{% macro default__incremental_rebuilds_whole() -%}
    {#- DuckDB, PostgreSQL: incremental models change in place (merge, delete+insert, append). -#}
    {{ return(false) }}
{%- endmacro %}
