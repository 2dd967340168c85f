{% macro window_test_predicate(relation) -%}
    {#- SQL predicate selecting the rows of `relation` a daily run can have changed, or ''
        when the running test reads every row. It applies only when the window start is
        set (env var WAREHOUSE_TEST_WINDOW_FROM_LOAD_DATE, else var
        test_window_from_load_date) and the test is attached to an incremental model whose
        meta.test_window names the DATE column recording when a row was last written
        ({loaded: <column>}; NULL for rows of the base extract); the window starts
        cdc_lookback_days before that date (the days incremental models reprocess). Only tests whose verdict is a union of
        verdicts per row or per key are windowed, so rows outside the window, unchanged
        since they were last tested, cannot change the verdict:
        - row tests (not_null, accepted_values, accepted_range, expression_is_true, and
          relationships or hash_key_relationships whose parent is incremental too, hence
          insert-only or merged, never losing a key) read the rows loaded in the window;
        - key tests (unique, unique_combination_of_columns: the first column;
          no_consecutive_duplicate_hashdiffs: hash_key) read every row whose key a row
          loaded in the window has, so a new duplicate of an old key is caught.
        Any other test (has_unknown_member, singular tests) reads every row. -#}
    {%- set since = env_var('WAREHOUSE_TEST_WINDOW_FROM_LOAD_DATE', '') or var('test_window_from_load_date', none) -%}
    {%- if since is none or not execute or model.resource_type != 'test' or not model.attached_node -%}
        {%- do return('') -%}
    {%- endif -%}
    {%- set attached = graph.nodes.get(model.attached_node) -%}
    {%- set window = attached.config.meta.get('test_window') if attached else none -%}
    {#- A table (not incremental) rewrites every row each run: nothing to window. -#}
    {%- if not window or attached.config.materialized != 'incremental' -%}
        {%- do return('') -%}
    {%- endif -%}
    {%- set parent_tests = ['relationships', 'hash_key_relationships'] -%}
    {%- set row_tests = ['not_null', 'accepted_values', 'accepted_range', 'expression_is_true'] + parent_tests -%}
    {%- set key_arguments = {
        'unique': 'column_name',
        'unique_combination_of_columns': 'combination_of_columns',
        'no_consecutive_duplicate_hashdiffs': 'hash_key',
    } -%}
    {%- set test_name = (model.test_metadata or {}).get('name') -%}
    {%- set start = dbt.dateadd('day', -1 * var('cdc_lookback_days'), "cast('" ~ since ~ "' as date)") -%}
    {%- set loaded_in_window = window.loaded ~ ' >= ' ~ start -%}
    {%- if test_name in parent_tests and not window_test_parents_are_incremental(attached.unique_id) -%}
        {#- An old row's parent can vanish when the parent is a table rebuilt each run. -#}
        {%- do return('') -%}
    {%- elif test_name in row_tests -%}
        {%- do return(loaded_in_window) -%}
    {%- elif test_name in key_arguments -%}
        {%- set key = model.test_metadata.kwargs[key_arguments[test_name]] -%}
        {%- set key = key[0] if key is not string else key -%}
        {%- do return(
            '(' ~ loaded_in_window ~ ' or ' ~ key ~ ' in (select ' ~ key ~ ' from ' ~ relation
            ~ ' where ' ~ loaded_in_window ~ '))'
        ) -%}
    {%- endif -%}
    {%- do return('') -%}
{%- endmacro %}
