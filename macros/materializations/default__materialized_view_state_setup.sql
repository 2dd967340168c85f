{% macro default__materialized_view_state_setup() -%}
    {#- SQL creating the refresh log (schema and table) if missing. -#}
    {%- set state_relation = materialized_view_state_relation() -%}
    {#- The schema unqualified (PostgreSQL allows no database in CREATE SCHEMA): it is
        created in the connection's database, the target's on every engine. -#}
    create schema if not exists {{ state_relation.without_identifier().include(database=false) }};
    create table if not exists {{ state_relation }} (
        relation_name {{ dbt.type_string() }},
        definition_hash {{ dbt.type_string() }},
        watermark {{ dbt.type_string() }},
        refresh_kind {{ dbt.type_string() }},
        reason {{ dbt.type_string() }},
        groups_refreshed {{ dbt.type_bigint() }},
        rows_written {{ dbt.type_bigint() }},
        refreshed_at {{ dbt.type_timestamp() }}
    )
{%- endmacro %}
