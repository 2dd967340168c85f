{% macro duckdb__hex_to_bigint(hex_expression) -%}
    cast('0x' || {{ hex_expression }} as bigint)
{%- endmacro %}
