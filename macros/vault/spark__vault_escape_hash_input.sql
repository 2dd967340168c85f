{% macro spark__vault_escape_hash_input(text) -%}
    {#- Spark SQL string literals treat a backslash as an escape: '\\' is one backslash. -#}
    replace(replace(replace({{ text }}, '\\', '\\\\'), '|', '\\|'), '^', '\\^')
{%- endmacro %}
