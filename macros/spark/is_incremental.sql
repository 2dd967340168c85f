{% macro is_incremental() -%}
    {#- Override of dbt's is_incremental(): dbt's own answer (the table exists, the model is
        incremental, no --full-refresh), and false where the engine rebuilds incremental
        models whole (macro incremental_rebuilds_whole: Spark without Delta/Iceberg), so
        each model then selects its whole result instead of the rows since the last run. -#}
    {%- if execute and incremental_rebuilds_whole() -%}
        {{ return(false) }}
    {%- endif -%}
    {{ return(dbt.is_incremental()) }}
{%- endmacro %}
