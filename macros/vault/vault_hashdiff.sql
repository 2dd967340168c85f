{% macro vault_hashdiff(columns, data_types={}) -%}
    {#- Hashdiff of a satellite's descriptive attributes: the columns sorted by name,
        case-sensitive values. See docs block vault_hashing_spec. -#}
    {{ vault_hash(columns | sort, upper_case=false, data_types=data_types) }}
{%- endmacro %}
