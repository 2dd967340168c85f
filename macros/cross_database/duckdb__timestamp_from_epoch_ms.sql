{% macro duckdb__timestamp_from_epoch_ms(epoch_ms_expression) -%}
    epoch_ms(cast({{ epoch_ms_expression }} as bigint))
{%- endmacro %}
