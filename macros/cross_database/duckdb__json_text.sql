{% macro duckdb__json_text(json_expression, field) -%}
    json_extract_string({{ json_expression }}, '$.{{ field }}')
{%- endmacro %}
