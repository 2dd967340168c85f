{% macro default__json_text(json_expression, field) -%}
    {{ exceptions.raise_compiler_error("json_text has no implementation for adapter '" ~ adapter.type() ~ "'") }}
{%- endmacro %}
