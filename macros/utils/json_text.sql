{% macro json_text(json_expression, field) -%}
    {#- The value of a top-level field of a JSON object as text (NULL when absent or JSON
        null). Dispatched: JSON access differs per engine. -#}
    {{ return(adapter.dispatch('json_text')(json_expression, field)) }}
{%- endmacro %}

{% macro default__json_text(json_expression, field) -%}
    {{ exceptions.raise_compiler_error("json_text has no implementation for adapter '" ~ adapter.type() ~ "'") }}
{%- endmacro %}

{% macro duckdb__json_text(json_expression, field) -%}
    json_extract_string({{ json_expression }}, '$.{{ field }}')
{%- endmacro %}

{% macro postgres__json_text(json_expression, field) -%}
    (cast({{ json_expression }} as jsonb) ->> '{{ field }}')
{%- endmacro %}

{% macro spark__json_text(json_expression, field) -%}
    get_json_object({{ json_expression }}, '$.{{ field }}')
{%- endmacro %}


{% macro timestamp_from_epoch_ms(epoch_ms_expression) -%}
    {#- UTC timestamp (without time zone) from milliseconds since 1970-01-01. Dispatched. -#}
    {{ return(adapter.dispatch('timestamp_from_epoch_ms')(epoch_ms_expression)) }}
{%- endmacro %}

{% macro default__timestamp_from_epoch_ms(epoch_ms_expression) -%}
    {{ exceptions.raise_compiler_error("timestamp_from_epoch_ms has no implementation for adapter '" ~ adapter.type() ~ "'") }}
{%- endmacro %}

{% macro duckdb__timestamp_from_epoch_ms(epoch_ms_expression) -%}
    epoch_ms(cast({{ epoch_ms_expression }} as bigint))
{%- endmacro %}

{% macro postgres__timestamp_from_epoch_ms(epoch_ms_expression) -%}
    (to_timestamp({{ epoch_ms_expression }} / 1000.0) at time zone 'UTC')
{%- endmacro %}

{% macro spark__timestamp_from_epoch_ms(epoch_ms_expression) -%}
    timestamp_millis(cast({{ epoch_ms_expression }} as bigint))
{%- endmacro %}
