{% macro materialized_view_definition_relation(relation) -%}
    {#- Where a materialized view keeps its definition, as a plain view computed from scratch
        on every read: <database>.warehouse_meta.<view>__definition (written by every refresh
        from the model's SQL; the recomputation tests compare the maintained table with it). -#}
    {{ return(api.Relation.create(database=relation.database, schema='warehouse_meta',
                                  identifier=relation.identifier ~ '__definition', type='view')) }}
{%- endmacro %}
