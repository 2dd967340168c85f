{% macro generate_schema_name(custom_schema_name, node) -%}
    {#- Use a model's custom schema as is (staging, intermediate, marts, ...), not
        prefixed with the target schema; nodes without one go to the target schema. -#}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
