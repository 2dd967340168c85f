{% macro vault_escape_hash_input(text) -%}
    {#- text with each backslash, '|' and '^' preceded by a backslash: a|b becomes a\|b. -#}
    {{ return(adapter.dispatch('vault_escape_hash_input')(text)) }}
{%- endmacro %}
