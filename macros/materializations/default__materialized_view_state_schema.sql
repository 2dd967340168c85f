{% macro default__materialized_view_state_schema(state_relation) -%}
    {#- database.schema of the refresh log. -#}
    {{ return(state_relation.without_identifier()) }}
{%- endmacro %}
