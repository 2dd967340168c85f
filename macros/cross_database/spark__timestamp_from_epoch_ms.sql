{% macro spark__timestamp_from_epoch_ms(epoch_ms_expression) -%}
    timestamp_millis(cast({{ epoch_ms_expression }} as bigint))
{%- endmacro %}
