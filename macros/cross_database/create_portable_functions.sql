{% macro create_portable_functions() -%}
    {#- on-run-start: the SQL functions and type names an engine lacks that the project uses.
        Dispatched: nothing on DuckDB; on PostgreSQL safe_cast_text and the DuckDB type names
        the contracts declare (HUGEINT, DOUBLE) as domains in schema public (on the default
        search_path), so a contract's data_type means the same on both engines. -#}
    {{ return(adapter.dispatch('create_portable_functions')()) }}
{%- endmacro %}
