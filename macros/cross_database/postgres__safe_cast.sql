{% macro postgres__safe_cast(field, type) -%}
    {#- PostgreSQL implementation of dbt.safe_cast (dbt-postgres has none: its fallback is a
        plain cast, which fails the model on one bad CDC field). PostgreSQL has no try_cast:
        the function safe_cast_text (created by macro create_portable_functions, on-run-start)
        casts inside an exception handler and returns NULL when the text does not parse,
        as DuckDB's try_cast does. -#}
    cast({{ target.schema }}.safe_cast_text(cast({{ field }} as text), cast(null as {{ type }})) as {{ type }})
{%- endmacro %}
