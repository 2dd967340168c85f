{% materialization materialized_view, adapter='duckdb' %}
    {{ return(materialized_view_refresh()) }}
{% endmaterialization %}

{% materialization materialized_view, adapter='postgres' %}
    {#- PostgreSQL has native materialized views (dbt-postgres's materialized_view), but its
        REFRESH MATERIALIZED VIEW recomputes the whole view every time; this project's
        refresh recomputes only the groups new source rows touch (cost follows the change),
        and keeps a plain table that information_schema, BI tools and the contract see. -#}
    {{ return(materialized_view_refresh()) }}
{% endmaterialization %}

{% macro materialized_view_refresh() %}
    {#- The body of the materialized_view materialization (DuckDB, which has no materialized
        views, and PostgreSQL): it maintains a table that behaves like one (docs block materialized_views). First run, --full-refresh, or a
        change of the model's SQL or refresh config: compute it whole. Later runs: recompute
        only the refresh partitions (config refresh_key) touched by rows of refresh_source
        whose refresh_watermark is past the stored watermark minus refresh_lookback_days
        (their group now and, from the view's row membership, the group they were in before)
        or that left the source, or everything when more than refresh_full_refresh_share of
        the stored groups are touched. Each refresh is one transaction, and the refresh
        record in materialized_view_state_relation() says what it did. -#}
    {%- set target_relation = this.incorporate(type='table') -%}
    {%- set existing_relation = load_cached_relation(this) -%}
    {%- set refresh = materialized_view_refresh_config() -%}
    {%- set state_relation = materialized_view_state_relation() -%}
    {%- set members_relation = materialized_view_members_relation(this) -%}
    {#- Asked of the catalog, not adapter.get_relation: warehouse_meta holds no dbt node, and
        dbt-postgres's relation cache does not see the tables in it. -#}
    {%- set members_found = run_query(
        "select count(*) from information_schema.tables where table_catalog = '"
        ~ members_relation.database ~ "' and table_schema = '" ~ members_relation.schema
        ~ "' and table_name = '" ~ members_relation.identifier ~ "'") if execute else none -%}
    {%- set existing_members = members_relation
        if members_found is not none and members_found.columns[0].values()[0] > 0 else none -%}
    {#- The definition: the compiled SQL and what decides the groups (not the refresh tactics:
        lookback, full-refresh share). Keys sorted: dbt does not keep a config dict's key order
        from one parse to the next (refresh_key_map), which would look like a new definition. -#}
    {%- set definition_hash = local_md5(sql ~ '|' ~ tojson([refresh.key, refresh.source, refresh.source_key,
                                                            refresh.watermark, refresh.key_map,
                                                            refresh.source_unique_key], sort_keys=true)) -%}

    {{ run_hooks(pre_hooks, inside_transaction=False) }}
    {{ run_hooks(pre_hooks, inside_transaction=True) }}

    {%- set previous = materialized_view_previous_state(state_relation, this) -%}
    {%- set watermark_row = run_query(
        "select cast(max(" ~ refresh.watermark ~ ") as " ~ dbt.type_string() ~ ") from "
        ~ ref(refresh.source)) -%}
    {%- set new_watermark = watermark_row.columns[0].values()[0] -%}

    {%- if existing_relation is none or should_full_refresh() or previous is none
          or existing_relation.type != 'table' -%}
        {%- set refresh_kind = 'full' -%}
        {%- set reason = 'first build' if previous is none or existing_relation is none
                         else ('--full-refresh' if should_full_refresh() else 'not a table') -%}
    {%- elif previous['definition_hash'] != definition_hash -%}
        {%- set refresh_kind = 'full' -%}
        {%- set reason = 'definition changed' -%}
    {%- elif existing_members is none -%}
        {%- set refresh_kind = 'full' -%}
        {%- set reason = 'no row membership' -%}
    {%- else -%}
        {%- set refresh_kind = 'incremental' -%}
        {%- set reason = 'new source rows' -%}
    {%- endif -%}

    {%- if refresh_kind == 'incremental' -%}
        {%- set changed_relation = make_temp_relation(target_relation, '__mv_changed') -%}
        {%- set gone_relation = make_temp_relation(target_relation, '__mv_gone') -%}
        {%- set touched_relation = make_temp_relation(target_relation, '__mv_touched') -%}
        {% call statement('changed') -%}
            drop table if exists {{ changed_relation.identifier }};
            create temporary table {{ changed_relation.identifier }} as
            {{ materialized_view_member_rows_sql(refresh, previous['watermark']) }}
        {%- endcall %}
        {#- Rows gone from the source: none when source rows = remembered rows + changed rows
            not remembered yet (counts, about 0.05 s at SF 1); else find them (an anti-join of
            the whole membership, about 0.7 s on 6 M order lines). -#}
        {%- set counts = run_query(
            "select (select count(*) from " ~ ref(refresh.source) ~ "), (select count(*) from "
            ~ members_relation ~ "), (select count(*) from " ~ changed_relation.identifier ~ " as changed"
            ~ " where not exists (select 1 from " ~ members_relation ~ " as members where "
            ~ materialized_view_same_row(refresh, 'changed', 'members') ~ "))") -%}
        {%- set any_gone = counts.columns[1].values()[0] + counts.columns[2].values()[0]
                           != counts.columns[0].values()[0] -%}
        {% call statement('touched') -%}
            drop table if exists {{ gone_relation.identifier }};
            create temporary table {{ gone_relation.identifier }} as
            select members.*
            from {{ members_relation }} as members
            where
            {%- if any_gone %}
                not exists (
                    select 1 from {{ ref(refresh.source) }} as source_rows
                    where {{ materialized_view_same_row(refresh, 'source_rows', 'members') }}
                )
            {%- else %}
                1 = 0
            {%- endif %};
            drop table if exists {{ touched_relation.identifier }};
            create temporary table {{ touched_relation.identifier }} as
            {{ materialized_view_touched_keys_sql(refresh, members_relation, changed_relation.identifier,
                                                  gone_relation.identifier) }}
        {%- endcall %}
        {%- set sizes = run_query("select (select count(*) from " ~ touched_relation.identifier
            ~ "), (select count(distinct " ~ refresh.key ~ ") from " ~ target_relation ~ ")") -%}
        {%- set groups_refreshed = sizes.columns[0].values()[0] -%}
        {%- set groups_stored = sizes.columns[1].values()[0] -%}
        {%- if groups_stored > 0 and groups_refreshed > refresh.full_refresh_share * groups_stored -%}
            {#- Recomputing most groups one by one costs more than recomputing the whole view. -#}
            {%- set refresh_kind = 'full' -%}
            {%- set reason = 'most groups touched (' ~ groups_refreshed ~ ' of ' ~ groups_stored ~ ')' -%}
        {%- endif -%}
    {%- endif -%}

    {%- if config.get('contract').enforced -%}
        {#- dbt model contract: the query's columns and types must match the YAML (fails
            naming every mismatch) before anything is written, on either refresh path. -#}
        {{ get_assert_columns_equivalent(sql) }}
    {%- endif -%}

    {%- if refresh_kind == 'full' -%}
        {%- if existing_relation is not none -%}
            {%- do adapter.drop_relation(existing_relation) -%}
        {%- endif -%}
        {#- dbt's create-table-as: with an enforced contract it declares the YAML's column
            types and constraints (not_null, primary_key) before inserting. -#}
        {% call statement('main') -%}
            {{ get_create_table_as_sql(False, target_relation, sql) }}
        {%- endcall %}
        {%- set counts = run_query("select count(*), count(distinct " ~ refresh.key ~ ") from "
            ~ target_relation) -%}
        {%- set rows_written = counts.columns[0].values()[0] -%}
        {%- set groups_refreshed = counts.columns[1].values()[0] -%}
        {%- if existing_members is not none -%}
            {%- do adapter.drop_relation(existing_members) -%}
        {%- endif -%}
        {#- Plain create-table-as: the model's contract describes the view, not this table. -#}
        {% call statement('members') -%}
            create table {{ members_relation }} as
            {{ materialized_view_member_rows_sql(refresh, all_rows=true) }}
        {%- endcall %}
    {%- else -%}
        {% call statement('delete_touched') -%}
            delete from {{ target_relation }}
            where {{ refresh.key }} in (select refresh_key from {{ touched_relation.identifier }})
        {%- endcall %}
        {% call statement('main') -%}
            insert into {{ target_relation }}
            select * from (
                {{ sql }}
            ) as recomputed
            where recomputed.{{ refresh.key }} in (select refresh_key from {{ touched_relation.identifier }})
        {%- endcall %}
        {%- set written = run_query("select count(*) from " ~ target_relation ~ " where "
            ~ refresh.key ~ " in (select refresh_key from " ~ touched_relation.identifier ~ ")") -%}
        {%- set rows_written = written.columns[0].values()[0] -%}
        {#- The membership follows: changed rows in their group now, gone rows forgotten. -#}
        {#- (Two deletes: one with "exists ... or exists ..." costs 1 s on 6 M rows, these 0.05 s.) -#}
        {% call statement('update_members') -%}
            {%- for forgotten in [changed_relation.identifier] + ([gone_relation.identifier] if any_gone else []) %}
            delete from {{ members_relation }}
            where exists (
                select 1 from {{ forgotten }} as forgotten
                where {{ materialized_view_same_row(refresh, 'forgotten', members_relation.identifier) }}
            );
            {%- endfor %}
            insert into {{ members_relation }} select * from {{ changed_relation.identifier }}
        {%- endcall %}
    {%- endif -%}
    {%- if touched_relation is defined -%}
        {% call statement('drop_touched') -%}
            drop table if exists {{ touched_relation.identifier }};
            drop table if exists {{ changed_relation.identifier }};
            drop table if exists {{ gone_relation.identifier }}
        {%- endcall %}
    {%- endif %}

    {#- The definition, kept beside the table as a view (what a database's materialized view
        keeps in its catalog): the recomputation tests read it to compute the view from
        scratch and compare. Replaced on every run, so it is the SQL the table was refreshed by. -#}
    {% call statement('definition') -%}
        create or replace view {{ materialized_view_definition_relation(this) }} as
        {{ sql }}
    {%- endcall %}

    {#- Record the refresh, unless it was an incremental one that found nothing to do and
        the watermark did not move (so re-running with no new data changes nothing). -#}
    {%- if refresh_kind == 'full' or groups_refreshed > 0 or previous['watermark'] != new_watermark -%}
        {%- do materialized_view_record_refresh(state_relation, this, definition_hash, new_watermark,
               refresh_kind, reason, groups_refreshed, rows_written) -%}
    {%- endif -%}
    {{ log("materialized view " ~ this ~ ": " ~ refresh_kind ~ " refresh (" ~ reason ~ "), "
           ~ groups_refreshed ~ " " ~ refresh.key ~ " group(s), " ~ rows_written ~ " row(s) written",
           info=true) }}

    {{ run_hooks(post_hooks, inside_transaction=True) }}
    {%- do adapter.commit() -%}
    {{ run_hooks(post_hooks, inside_transaction=False) }}

    {%- do persist_docs(target_relation, model) -%}
    {{ return({'relations': [target_relation]}) }}
{% endmacro %}

{% materialization materialized_view, adapter='spark' %}
    {#- Spark: recompute the view whole, as a table (dbt-spark's table materialization). The
        group-wise refresh of DuckDB and PostgreSQL deletes and re-inserts the touched groups,
        and Spark's Parquet tables have no DELETE (it needs Delta Lake or Iceberg, whose jars
        are not available here); on a cluster with Delta, an incremental merge on the refresh
        key would be the equivalent. The definition is kept beside the table as a view, as on
        the other engines, for the recomputation tests. -#}
    {%- set result = dbt.materialization_table_spark() -%}
    {% call statement('definition_schema') -%}
        create schema if not exists {{ materialized_view_definition_relation(this).without_identifier() }}
    {%- endcall %}
    {% call statement('definition') -%}
        create or replace view {{ materialized_view_definition_relation(this) }} as
        {{ sql }}
    {%- endcall %}
    {{ return(result) }}
{% endmaterialization %}
