{% macro default__record_field(record_expression, field) -%}
    {{ record_expression }}.{{ field }}
{%- endmacro %}
