{% macro postgres__hex_to_bigint(hex_expression) -%}
    cast(cast('x' || lpad({{ hex_expression }}, 16, '0') as bit(64)) as bigint)
{%- endmacro %}
