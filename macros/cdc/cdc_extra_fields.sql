{% macro cdc_extra_fields(known_fields) -%}
    {#- The row image's fields that are not in known_fields (schema drift: the source added
        a column), as a JSON object in text; NULL when there are none. known_fields are the
        columns of the source table as the staging model knows them (those of the base
        extract's table, sources tpch.<table>); promoting a new column adds it there. -#}
    {{ json_without_keys('row_image', known_fields) }}
{%- endmacro %}
