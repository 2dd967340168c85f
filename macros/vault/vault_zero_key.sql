{% macro vault_zero_key() -%}
    {#- The zero key: 32 '0' characters. Hash key of a reference whose business-key parts are
        all NULL, and the key (and hashdiff) of every satellite's ghost record. -#}
    {{ return('0' * 32) }}
{%- endmacro %}
