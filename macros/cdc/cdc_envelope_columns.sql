{% macro cdc_envelope_columns() -%}
    {#- The envelope columns cdc_event_envelope types, in the order every CDC staging model
        selects them first: a comma-separated select list, no trailing comma. -#}
    {%- for column in [
        'lsn', 'operation', 'changed_at', 'load_date', 'source_file', 'source_line_number',
        'loaded_at', 'raw_event'
    ] %}
    {{ column }}{% if not loop.last %},{% endif %}
    {%- endfor %}
{%- endmacro %}
