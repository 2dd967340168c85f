{% macro default__hex_to_bigint(hex_expression) -%}
    {{ exceptions.raise_compiler_error(
        "hex_to_bigint has no implementation for adapter '" ~ adapter.type()
        ~ "'; add " ~ adapter.type() ~ "__hex_to_bigint in macros/cross_database/") }}
{%- endmacro %}
