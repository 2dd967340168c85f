{% macro spark__safe_cast(field, type) -%}
    {#- Spark implementation of dbt.safe_cast. dbt-spark's own is a plain cast, which under
        Spark 4's ANSI mode fails the model on one bad CDC field; try_cast returns NULL
        instead, as on DuckDB. Found through the dispatch search order in dbt_project.yml. -#}
    try_cast({{ field }} as {{ type }})
{%- endmacro %}
