{% macro record_field(record_expression, field) -%}
    {#- One field of a nested record column (the CDC envelope's `source` block). Dispatched:
        a STRUCT on DuckDB and Spark, JSON on PostgreSQL (warehouse/raw_load.py loads the
        struct as json). -#}
    {{ return(adapter.dispatch('record_field')(record_expression, field)) }}
{%- endmacro %}
