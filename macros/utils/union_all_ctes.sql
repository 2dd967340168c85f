{% macro union_all_ctes(names, suffix='') -%}
    {#- `select * from <name><suffix>` for each name, joined by union all: one relation from
        CTEs of the same columns (e.g. one per source table). -#}
    {%- for name in names %}
    select * from {{ name }}{{ suffix }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{%- endmacro %}
