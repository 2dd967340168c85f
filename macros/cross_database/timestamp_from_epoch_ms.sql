{% macro timestamp_from_epoch_ms(epoch_ms_expression) -%}
    {#- UTC timestamp (without time zone) from milliseconds since 1970-01-01. Dispatched. -#}
    {{ return(adapter.dispatch('timestamp_from_epoch_ms')(epoch_ms_expression)) }}
{%- endmacro %}
