{% macro hex_to_bigint(hex_expression) -%}
    {{ return(adapter.dispatch('hex_to_bigint')(hex_expression)) }}
{%- endmacro %}
