{% macro repair_from_load_date() -%}
    {#- The first load date a repair (python -m warehouse repair --from DATE) reprocesses:
        env var WAREHOUSE_REPAIR_FROM_LOAD_DATE (an env var keeps dbt's partial parsing) or
        else var('repair_from_load_date'); none outside a repair. Returned as a string
        YYYY-MM-DD. -#}
    {%- set value = env_var('WAREHOUSE_REPAIR_FROM_LOAD_DATE', '') or var('repair_from_load_date', none) -%}
    {{ return(value or none) }}
{%- endmacro %}
