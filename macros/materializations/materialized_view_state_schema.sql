{% macro materialized_view_state_schema(state_relation) -%}
    {#- The schema of the refresh log as CREATE SCHEMA names it. Dispatched: qualified with
        the target's database by default (on a DuckLake target that database is an
        attached catalog, not the connection's default one); unqualified on PostgreSQL,
        which allows no database in CREATE SCHEMA (it is the connection's database). -#}
    {{ return(adapter.dispatch('materialized_view_state_schema')(state_relation)) }}
{%- endmacro %}
