{% macro materialized_view_previous_state(state_relation, relation) -%}
    {#- The latest refresh record of relation as a dict (definition_hash, watermark), or
        none when it was never refreshed. -#}
    {%- set result = run_query(
        "select definition_hash, watermark from " ~ state_relation
        ~ " where relation_name = '" ~ relation ~ "' order by refreshed_at desc limit 1") -%}
    {%- if result.rows | length == 0 -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return({'definition_hash': result.rows[0][0], 'watermark': result.rows[0][1]}) }}
{%- endmacro %}
