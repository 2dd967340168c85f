{% macro spark__hex_to_bigint(hex_expression) -%}
    cast(conv({{ hex_expression }}, 16, 10) as bigint)
{%- endmacro %}
