{% macro get_column_comment_sql(column_name, column_dict) -%}
    {#- Override of dbt-spark's macro of the same name (the column list of a view's
        persisted docs): the Hive metastore stores a column comment in 256 characters, and a
        longer one makes every CREATE VIEW retry for 20 s before it falls back. Comments are
        cut to 256 characters (an ellipsis marks the cut); the full text stays in the dbt
        docs. -#}
    {%- set description = column_dict[column_name]["description"] if column_name in column_dict else none -%}
    {%- if description -%}
        {%- set description = description if description | length <= 256 else description[:255] ~ '…' -%}
        {{ adapter.quote(column_name) }} comment '{{ description | replace("\\", "\\\\") | replace("'", "\\'") }}'
    {%- else -%}
        {{ adapter.quote(column_name) }}
    {%- endif -%}
{%- endmacro %}
