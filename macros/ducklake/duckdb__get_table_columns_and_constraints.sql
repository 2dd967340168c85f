{% macro duckdb__get_table_columns_and_constraints() -%}
    {#- Override of dbt's column list of a contracted table's DDL on DuckDB: a DuckLake
        supports NOT NULL but no PRIMARY KEY, UNIQUE or FOREIGN KEY constraint ("not
        supported in DuckLake"), so in a DuckLake those are left out of the DDL; the
        model's unique and relationships tests still check them on every build. Elsewhere
        the DDL is dbt's own (table_columns_and_constraints). -#}
    {%- if not adapter.is_ducklake(this) -%}
        {{ return(table_columns_and_constraints()) }}
    {%- endif -%}
    {%- set supported = ['not_null'] -%}
    {%- set columns = {} -%}
    {%- for name, column in model['columns'].items() -%}
        {%- set kept = {} -%}
        {%- do kept.update(column) -%}
        {%- do kept.update({'constraints': column.get('constraints', []) | selectattr('type', 'in', supported) | list}) -%}
        {%- do columns.update({name: kept}) -%}
    {%- endfor -%}
    {%- set raw_column_constraints = adapter.render_raw_columns_constraints(raw_columns=columns) -%}
    {%- set raw_model_constraints = adapter.render_raw_model_constraints(
        raw_constraints=model['constraints'] | selectattr('type', 'in', supported) | list) -%}
    (
    {% for c in raw_column_constraints -%}
        {{ c }}{{ "," if not loop.last or raw_model_constraints }}
    {% endfor %}
    {% for c in raw_model_constraints -%}
        {{ c }}{{ "," if not loop.last }}
    {% endfor -%}
    )
{%- endmacro %}
