{% macro default__create_portable_functions() -%}
    select 1
{%- endmacro %}
