{% macro materialized_view_state_setup() -%}
    {#- SQL creating the refresh log of the materialized views if missing. Run once per dbt
        invocation by on-run-start (dbt_project.yml), before models build in parallel.
        Dispatched: Spark keeps no refresh log (it recomputes every view whole). -#}
    {{ return(adapter.dispatch('materialized_view_state_setup')()) }}
{%- endmacro %}
