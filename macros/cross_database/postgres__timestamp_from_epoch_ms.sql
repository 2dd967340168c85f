{% macro postgres__timestamp_from_epoch_ms(epoch_ms_expression) -%}
    (to_timestamp(cast({{ epoch_ms_expression }} as bigint) / 1000.0) at time zone 'UTC')
{%- endmacro %}
