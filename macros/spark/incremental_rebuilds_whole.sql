{% macro incremental_rebuilds_whole() -%}
    {#- Whether this engine rebuilds the current incremental model whole on every run instead
        of changing it in place. Dispatched: false on DuckDB and PostgreSQL (merge,
        delete+insert and deletes work there); true on Spark unless the model's file_format
        can update and delete rows (delta, iceberg, hudi). -#}
    {{ return(adapter.dispatch('incremental_rebuilds_whole')()) }}
{%- endmacro %}
