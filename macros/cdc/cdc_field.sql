{% macro cdc_field(field, data_type=none) -%}
    {#- A field of the row image, cast with dbt.safe_cast (NULL when it does not parse). -#}
    {%- if data_type is none -%}
        {{ json_text('row_image', field) }}
    {%- else -%}
        {{ dbt.safe_cast(json_text('row_image', field), data_type) }}
    {%- endif -%}
{%- endmacro %}
