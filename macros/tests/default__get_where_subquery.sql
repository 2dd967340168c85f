{% macro default__get_where_subquery(relation) -%}
    {#- dbt's get_where_subquery (the relation a generic test reads: its `where` config
        applied), plus the daily test window: when the var test_window_from_load_date (or
        env var WAREHOUSE_TEST_WINDOW_FROM_LOAD_DATE, which python -m warehouse daily sets)
        is set, a row-local or per-key test on a model
        whose meta has test_window reads only the rows the window holds (see
        window_test_predicate). Otherwise dbt's behaviour, unchanged. The relation gets an
        explicit alias: Spark would read `<table> where (<column>)` as the alias `where`
        with a column list. -#}
    {%- set predicates = [] -%}
    {%- set where = config.get('where', '') -%}
    {%- if where -%}
        {%- do predicates.append('(' ~ where ~ ')') -%}
    {%- endif -%}
    {%- set window = window_test_predicate(relation) -%}
    {%- if window -%}
        {%- do predicates.append(window) -%}
    {%- endif -%}
    {%- if predicates -%}
        {%- do return('(select * from ' ~ relation ~ ' as dbt_test_source where ' ~ predicates | join(' and ') ~ ') dbt_subquery') -%}
    {%- endif -%}
    {%- do return(relation) -%}
{%- endmacro %}
