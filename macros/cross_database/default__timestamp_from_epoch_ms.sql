{% macro default__timestamp_from_epoch_ms(epoch_ms_expression) -%}
    {{ exceptions.raise_compiler_error("timestamp_from_epoch_ms has no implementation for adapter '" ~ adapter.type() ~ "'") }}
{%- endmacro %}
