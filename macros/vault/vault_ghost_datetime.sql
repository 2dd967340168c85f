{% macro vault_ghost_datetime() -%}
    {#- load_datetime and effective_from of ghost records: 1900-01-01 00:00:00. -#}
    cast('1900-01-01 00:00:00' as {{ dbt.type_timestamp() }})
{%- endmacro %}
