{% macro default__materialized_view_state_setup() -%}
    {#- SQL creating the refresh log (schema and table) if missing. -#}
    {%- set state_relation = materialized_view_state_relation() -%}
    create schema if not exists {{ materialized_view_state_schema(state_relation) }};
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
