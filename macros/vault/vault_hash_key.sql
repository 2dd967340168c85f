{% macro vault_hash_key(columns, data_types={}) -%}
    {#- Hash key of a hub (one business key) or a link (the business keys of its hubs, then
        its dependent child keys, in the order given). See docs block vault_hashing_spec. -#}
    {%- set checks = [] -%}
    {%- for column in columns -%}
        {%- if vault_is_exact_text_type(data_types.get(column)) -%}
            {%- do checks.append(column ~ " is null") -%}
        {%- else -%}
            {%- do checks.append("nullif(trim(cast(" ~ column ~ " as " ~ dbt.type_string() ~ ")), '') is null") -%}
        {%- endif -%}
    {%- endfor -%}
    case
        when {{ checks | join(' and ') }} then '{{ vault_zero_key() }}'
        else {{ vault_hash(columns, upper_case=true, data_types=data_types) }}
    end
{%- endmacro %}
