{% macro default__json_without_keys(json_expression, keys) -%}
    {{ exceptions.raise_compiler_error("json_without_keys has no implementation for adapter '" ~ adapter.type() ~ "'") }}
{%- endmacro %}
