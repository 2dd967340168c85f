{% macro duckdb__safe_cast(field, type) -%}
    {#- DuckDB implementation of dbt.safe_cast (dbt-duckdb 1.11 has none, so dbt falls back
        to a plain cast that fails on bad input): try_cast returns NULL instead. Found by
        dbt.safe_cast through the dispatch search order in dbt_project.yml. -#}
    try_cast({{ field }} as {{ type }})
{%- endmacro %}
