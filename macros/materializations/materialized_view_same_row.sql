{% macro materialized_view_same_row(refresh, left, right) -%}
    {#- SQL condition: relations left and right name the same source row (unique key). -#}
    {%- for column in refresh.source_unique_key -%}
        {{ left }}.{{ column }} = {{ right }}.{{ column }}{{ ' and ' if not loop.last }}
    {%- endfor -%}
{%- endmacro %}
