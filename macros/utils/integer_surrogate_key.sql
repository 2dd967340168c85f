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


{% macro hex_to_bigint(hex_expression) -%}
    {{ return(adapter.dispatch('hex_to_bigint')(hex_expression)) }}
{%- endmacro %}

{% macro default__hex_to_bigint(hex_expression) -%}
    {{ exceptions.raise_compiler_error(
        "hex_to_bigint has no implementation for adapter '" ~ adapter.type()
        ~ "'; add " ~ adapter.type() ~ "__hex_to_bigint in macros/utils/integer_surrogate_key.sql") }}
{%- endmacro %}

{% macro duckdb__hex_to_bigint(hex_expression) -%}
    cast('0x' || {{ hex_expression }} as bigint)
{%- endmacro %}

{% macro postgres__hex_to_bigint(hex_expression) -%}
    cast(cast('x' || lpad({{ hex_expression }}, 16, '0') as bit(64)) as bigint)
{%- endmacro %}

{% macro spark__hex_to_bigint(hex_expression) -%}
    cast(conv({{ hex_expression }}, 16, 10) as bigint)
{%- endmacro %}
