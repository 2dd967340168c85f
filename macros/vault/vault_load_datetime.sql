{% macro vault_load_datetime() -%}
    {#- load_datetime of every row a vault model inserts in this dbt invocation: dbt's
        run_started_at (UTC), the same instant for the whole load. -#}
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S.%f") }}' as {{ dbt.type_timestamp() }})
{%- endmacro %}
