{% macro default__vault_escape_hash_input(text) -%}
    {#- Standard SQL string literals (DuckDB, PostgreSQL): a backslash is an ordinary character. -#}
    replace(replace(replace({{ text }}, '\', '\\'), '|', '\|'), '^', '\^')
{%- endmacro %}
