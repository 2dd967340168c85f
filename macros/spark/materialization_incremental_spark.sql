{% materialization incremental, adapter='spark' %}
    {#- Spark's incremental materialization, or the table materialization where the model is
        rebuilt whole (macro incremental_rebuilds_whole: Parquet without Delta/Iceberg). -#}
    {%- if incremental_rebuilds_whole() -%}
        {{ return(dbt.materialization_table_spark()) }}
    {%- endif -%}
    {{ return(dbt.materialization_incremental_spark()) }}
{% endmaterialization %}
