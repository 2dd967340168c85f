{% macro vault_hash(columns, upper_case, data_types={}) -%}
    {#- MD5 (32 lower-case hex characters) of the standardized values joined with '||'. -#}
    {%- set parts = [] -%}
    {%- for column in columns -%}
        {%- do parts.append(vault_standardize(column, upper_case, data_types.get(column))) -%}
        {%- if not loop.last %}{% do parts.append("'||'") %}{% endif -%}
    {%- endfor -%}
    {{ dbt.hash(dbt.concat(parts) if parts | length > 1 else parts[0]) }}
{%- endmacro %}
