{% macro postgres__materialized_view_state_schema(state_relation) -%}
    {#- The schema alone: PostgreSQL's CREATE SCHEMA takes no database. -#}
    {{ return(state_relation.without_identifier().include(database=false)) }}
{%- endmacro %}
