{% macro cdc_envelope_checks(key_fields) -%}
    {#- The first WHEN branches of a validation_reason CASE, shared by every CDC table:
        a line that is not a JSON object, missing or non-numeric lsn or commit time
        (source.ts_ms), missing or unparseable _loaded_at, unknown operation, missing row
        image, missing (or unparseable) key field. -#}
    when not is_json_object then 'malformed JSON line'
    when lsn is null then 'missing or non-numeric lsn'
    when changed_at is null then 'missing or non-numeric source.ts_ms'
    when loaded_at is null then 'missing or unparseable _loaded_at'
    when operation is null or operation not in ('c', 'u', 'd', 'r') then 'unknown operation'
    when row_image is null then 'missing row image'
    {%- for field in key_fields %}
    when {{ cdc_field(field, dbt.type_bigint()) }} is null then 'missing key {{ field }}'
    {%- endfor %}
{%- endmacro %}
