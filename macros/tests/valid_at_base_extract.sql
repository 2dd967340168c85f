{% macro valid_at_base_extract(relation_alias=none) -%}
    {#- Predicate: the version (valid_from, valid_to) was valid at the end of the base extract
        (var tpch_last_order_date), i.e. the state the raw zone's TPC-H tables hold. The TPC-H
        query tests ask the marts "as of the base extract" with it, to compare with raw. -#}
    {%- set prefix = relation_alias ~ '.' if relation_alias else '' -%}
    {%- set base_end = "cast('" ~ var('tpch_last_order_date') ~ "' as " ~ dbt.type_timestamp() ~ ")" -%}
    {{ prefix }}valid_from <= {{ base_end }} and {{ prefix }}valid_to > {{ base_end }}
{%- endmacro %}
