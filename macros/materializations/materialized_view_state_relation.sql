{% macro materialized_view_state_relation() -%}
    {#- Where the refresh log of every materialized view lives:
        <database>.warehouse_meta.materialized_view_state. -#}
    {{ return(api.Relation.create(database=target.database, schema='warehouse_meta',
                                  identifier='materialized_view_state', type='table')) }}
{%- endmacro %}
