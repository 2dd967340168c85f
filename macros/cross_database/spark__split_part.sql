{% macro spark__split_part(string_text, delimiter_text, part_number) -%}
    {#- Spark implementation of dbt.split_part, replacing dbt-spark's: the delimiter is
        matched literally (split takes a regular expression; \Q...\E quotes it, without
        relying on backslash escapes in literals, which the project's sessions read as
        standard SQL), and a part past the end is '' as on DuckDB and PostgreSQL (dbt-spark's
        [index] fails under ANSI mode). part_number counts from 1, or from the end when
        negative. -#}
    {%- set parts = "split(" ~ string_text ~ ", concat('\\Q', " ~ delimiter_text ~ ", '\\E'))" -%}
    {%- if part_number > 0 -%}
    coalesce(get({{ parts }}, {{ part_number - 1 }}), '')
    {%- else -%}
    coalesce(get({{ parts }}, size({{ parts }}) + {{ part_number }}), '')
    {%- endif -%}
{%- endmacro %}
