{% materialization snapshot, adapter='spark' %}
    {#- dbt snapshots on Spark without Delta/Iceberg. dbt-spark's snapshot applies the change
        set with MERGE, which Parquet tables lack; this one computes the same change set
        (dbt's snapshot_staging_table: the strategy's inserts, updates and deletes) and
        rewrites the table with it (macro snapshot_rewrite_sql: every stored version, its
        valid_to closed where the change set closes it, plus the new versions), then INSERT
        OVERWRITEs the table from that result. Same rows as the MERGE; the cost is a rewrite
        of the table per run. With file_format delta/iceberg/hudi, dbt-spark's own
        materialization (MERGE) runs instead. -#}
    {%- set file_format = config.get('file_format') or 'parquet' -%}
    {%- if file_format in ['delta', 'iceberg', 'hudi'] -%}
        {{ return(dbt.materialization_snapshot_spark()) }}
    {%- endif -%}

    {%- set target_table = model.get('alias', model.get('name')) -%}
    {%- set strategy_name = config.get('strategy') -%}
    {%- set grant_config = config.get('grants') -%}
    {%- set target_relation_exists, target_relation = get_or_create_relation(
            database=none, schema=model.schema, identifier=target_table, type='table') -%}
    {%- if not adapter.check_schema_exists(model.database, model.schema) -%}
        {%- do create_schema(model.schema) -%}
    {%- endif -%}
    {%- if not target_relation.is_table -%}
        {%- do exceptions.relation_wrong_type(target_relation, 'table') -%}
    {%- endif -%}

    {{ run_hooks(pre_hooks, inside_transaction=False) }}
    {{ run_hooks(pre_hooks, inside_transaction=True) }}

    {%- set strategy_macro = strategy_dispatch(strategy_name) -%}
    {%- set strategy = strategy_macro(model, "snapshotted_data", "source_data", model['config'],
                                      target_relation_exists) -%}

    {%- if not target_relation_exists -%}
        {%- set build_sql = build_snapshot_table(strategy, model['compiled_code']) -%}
        {% call statement('main') -%}
            {{ create_table_as(False, target_relation, build_sql) }}
        {%- endcall %}
    {%- else -%}
        {%- set columns = config.get("snapshot_table_column_names") or get_snapshot_table_column_names() -%}
        {{ adapter.valid_snapshot_target(target_relation, columns) }}
        {%- set staging_table = spark_build_snapshot_staging_table(strategy, sql, target_relation) -%}
        {%- set missing_columns = adapter.get_missing_columns(staging_table, target_relation)
            | rejectattr('name', 'in', ['dbt_change_type', 'DBT_CHANGE_TYPE'])
            | list -%}
        {#- The staging's unique-key columns (dbt_unique_key, or dbt_unique_key_1, _2, ...
            for a composite key) are not stored columns. -#}
        {%- set stored_missing = [] -%}
        {%- for column in missing_columns if not column.name.lower().startswith('dbt_unique_key') -%}
            {%- do stored_missing.append(column) -%}
        {%- endfor -%}
        {%- do create_columns(target_relation, stored_missing) -%}
        {%- set rewrite_relation = make_temp_relation(target_relation, '__dbt_rewrite').incorporate(type='table') -%}
        {%- do adapter.drop_relation(rewrite_relation) -%}
        {% call statement('snapshot_rewrite') -%}
            {{ create_table_as(False, rewrite_relation,
                               snapshot_rewrite_sql(target_relation, staging_table, columns)) }}
        {%- endcall %}
        {% call statement('main') -%}
            insert overwrite table {{ target_relation }} select * from {{ rewrite_relation }}
        {%- endcall %}
        {%- do adapter.drop_relation(rewrite_relation) -%}
    {%- endif -%}

    {%- set should_revoke = should_revoke(target_relation_exists, full_refresh_mode) -%}
    {%- do apply_grants(target_relation, grant_config, should_revoke) -%}
    {%- do persist_docs(target_relation, model) -%}
    {{ run_hooks(post_hooks, inside_transaction=True) }}
    {{ adapter.commit() }}
    {%- if staging_table is defined -%}
        {%- do post_snapshot(staging_table) -%}
    {%- endif -%}
    {{ run_hooks(post_hooks, inside_transaction=False) }}
    {{ return({'relations': [target_relation]}) }}
{% endmaterialization %}
