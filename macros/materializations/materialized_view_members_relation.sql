{% macro materialized_view_members_relation(relation) -%}
    {#- Where a materialized view remembers which group each source row was counted in:
        <database>.warehouse_meta.<view>__members (the source's unique key columns and
        refresh_key, one row per source row, as of the last refresh). -#}
    {{ return(api.Relation.create(database=target.database, schema='warehouse_meta',
                                  identifier=relation.identifier ~ '__members', type='table')) }}
{%- endmacro %}
