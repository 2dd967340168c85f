{% macro default__day_spine(start_date, end_date) -%}
    {{ exceptions.raise_compiler_error(
        "day_spine has no implementation for adapter '" ~ adapter.type()
        ~ "'; add " ~ adapter.type() ~ "__day_spine in macros/cross_database/") }}
{%- endmacro %}
