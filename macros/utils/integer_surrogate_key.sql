{% macro integer_surrogate_key(field_list) -%}
    {#- Stable 60-bit integer surrogate key derived from business-key columns.
        Spec (same on every engine): each field cast to string, NULL replaced by
        '_dbt_utils_surrogate_key_null_', fields joined with '-' (exactly as
        dbt_utils.generate_surrogate_key builds its input), MD5 of that text as 32
        lower-case hex digits, the first 15 hex digits read as a non-negative BIGINT.
        Example: ['abc'] -> md5 900150983cd24fb0... -> 0x900150983cd24fb = 648541476951500027. -#}
    {%- set parts = [] -%}
    {%- for field in field_list -%}
        {%- do parts.append("coalesce(cast(" ~ field ~ " as " ~ dbt.type_string() ~ "), '_dbt_utils_surrogate_key_null_')") -%}
        {%- if not loop.last %}{% do parts.append("'-'") %}{% endif -%}
    {%- endfor -%}
    {%- set hex_digest = dbt.hash(dbt.concat(parts)) -%}
    {{ hex_to_bigint("substr(" ~ hex_digest ~ ", 1, 15)") }}
{%- endmacro %}
