{% macro materialized_view_definition_relation(relation) -%}
    {#- Where a materialized view keeps its definition, as a plain view computed from scratch
        on every read: <database>.warehouse_meta.<view>__definition (written by every refresh
        from the model's SQL; the recomputation tests compare the maintained table with it).
        While dbt parses, ref() names the calling node, whose name plus the suffix can pass
        PostgreSQL's 63-character limit on identifiers: the relation is returned as given. -#}
    {%- if not execute -%}
        {{ return(relation) }}
    {%- endif -%}
    {{ return(api.Relation.create(database=relation.database, schema='warehouse_meta',
                                  identifier=relation.identifier ~ '__definition', type='view')) }}
{%- endmacro %}
