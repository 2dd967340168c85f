{% macro cdc_parse_check(field, data_type) -%}
    {#- A WHEN branch of a validation_reason CASE: the row image has a value for the field
        that does not cast to data_type -> 'unparseable date in <field>' (date types) or
        'unparseable number in <field>'. -#}
    {%- set kind = 'date' if data_type | lower == 'date' else 'number' -%}
    when {{ json_text('row_image', field) }} is not null and {{ cdc_field(field, data_type) }} is null
        then 'unparseable {{ kind }} in {{ field }}'
{%- endmacro %}
