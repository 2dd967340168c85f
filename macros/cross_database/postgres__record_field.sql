{% macro postgres__record_field(record_expression, field) -%}
    (cast({{ record_expression }} as jsonb) ->> '{{ field }}')
{%- endmacro %}
