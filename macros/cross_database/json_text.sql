{% macro json_text(json_expression, field) -%}
    {#- The value of a top-level field of a JSON object as text (NULL when absent or JSON
        null). Dispatched: JSON access differs per engine. -#}
    {{ return(adapter.dispatch('json_text')(json_expression, field)) }}
{%- endmacro %}
