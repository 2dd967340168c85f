{% macro duckdb__alter_column_comment(relation, column_dict) -%}
    {#- Override of dbt-duckdb's macro of the same name (persist_docs of the columns): a
        DuckLake stores comments on table columns but not on view columns ("Cannot comment on
        columns ... it is not a table"), so a view in a DuckLake keeps its relation comment
        and its column descriptions stay in the dbt docs. Elsewhere as dbt-duckdb does it. -#}
    {%- if adapter.is_ducklake(relation) and relation.is_view -%}
        {{ return('') }}
    {%- endif -%}
    {%- set existing_columns = adapter.get_columns_in_relation(relation) | map(attribute="name") | list -%}
    {%- for column_name in column_dict if (column_name in existing_columns) %}
        comment on column {{ relation }}.{{ adapter.quote(column_name) if column_dict[column_name]['quote'] else column_name }}
        is {{ duckdb_escape_comment(column_dict[column_name]['description']) }};
    {%- endfor %}
{%- endmacro %}
