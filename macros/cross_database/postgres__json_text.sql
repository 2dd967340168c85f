{% macro postgres__json_text(json_expression, field) -%}
    (cast({{ json_expression }} as jsonb) ->> '{{ field }}')
{%- endmacro %}
