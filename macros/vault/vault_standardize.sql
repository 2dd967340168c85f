{% macro vault_standardize(column, upper_case, data_type=none) -%}
    {#- One hash input value. Exact types (vault_is_exact_text_type(data_type)): the value
        cast to string. Any other type, or an unknown one: cast to string, trimmed,
        upper-cased when upper_case, and '\\', '|' and '^' escaped with a backslash, so a real
        value never reads as the delimiter or the NULL placeholder. NULL (or empty after
        trimming) becomes the NULL placeholder. -#}
    {%- set text = "cast(" ~ column ~ " as " ~ dbt.type_string() ~ ")" -%}
    {%- if vault_is_exact_text_type(data_type) -%}
    coalesce({{ text }}, '{{ vault_null_placeholder() }}')
    {%- else -%}
        {%- set text = "trim(" ~ text ~ ")" -%}
        {%- if upper_case %}{% set text = "upper(" ~ text ~ ")" %}{% endif -%}
    coalesce(nullif({{ vault_escape_hash_input(text) }}, ''), '{{ vault_null_placeholder() }}')
    {%- endif -%}
{%- endmacro %}
