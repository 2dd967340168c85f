{% macro spark__json_text(json_expression, field) -%}
    get_json_object({{ json_expression }}, '$.{{ field }}')
{%- endmacro %}
