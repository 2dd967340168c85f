{% macro window_test_parents_are_incremental(attached_id) -%}
    {#- True when every model the running test reads besides attached_id is incremental
        (a relationships test's parent): such a parent keeps every key it ever had, so an
        old child row outside the daily window keeps its parent. -#}
    {%- for node_id in model.depends_on.nodes if node_id != attached_id -%}
        {%- set node = graph.nodes.get(node_id) -%}
        {%- if node is none or node.config.materialized != 'incremental' -%}
            {%- do return(false) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- do return(true) -%}
{%- endmacro %}
