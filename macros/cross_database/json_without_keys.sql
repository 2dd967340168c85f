{% macro json_without_keys(json_expression, keys) -%}
    {#- The JSON object json_expression without the top-level keys in keys, as JSON text;
        NULL when nothing is left (or the input is NULL). Used to keep the fields of a row
        image that no model knows (schema drift). Dispatched: JSON editing differs per
        engine. -#}
    {{ return(adapter.dispatch('json_without_keys')(json_expression, keys)) }}
{%- endmacro %}
