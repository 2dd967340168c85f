{% macro postgres__timestamp_from_epoch_ms(epoch_ms_expression) -%}
    (to_timestamp({{ epoch_ms_expression }} / 1000.0) at time zone 'UTC')
{%- endmacro %}
