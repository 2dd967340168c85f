{% macro vault_null_placeholder() -%}
    {#- Stand-in for a NULL (or empty after trimming) value inside hash input. -#}
    {{ return('^^') }}
{%- endmacro %}
