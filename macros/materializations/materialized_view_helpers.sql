{% macro materialized_view_refresh_config() -%}
    {#- The refresh policy of the materialized_view model being built, from its config, with
        defaults; a compiler error names a missing setting. -#}
    {%- set key = config.get('refresh_key') -%}
    {%- set source = config.get('refresh_source') -%}
    {%- if not key or not source -%}
        {{ exceptions.raise_compiler_error(
            "materialized_view " ~ this ~ ": set refresh_key (the column whose groups are recomputed) "
            ~ "and refresh_source (the model whose new rows trigger a refresh) in its config") }}
    {%- endif -%}
    {#- The columns naming one row of the source: config refresh_source_unique_key, else the
        source model's own unique_key (an incremental fact's merge key). -#}
    {%- set found = namespace(unique_key=config.get('refresh_source_unique_key')) -%}
    {%- if not found.unique_key -%}
        {%- for node in graph.nodes.values() if node.resource_type == 'model' and node.name == source -%}
            {%- set found.unique_key = node.config.get('unique_key') -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if not found.unique_key -%}
        {{ exceptions.raise_compiler_error(
            "materialized_view " ~ this ~ ": set refresh_source_unique_key (the columns naming one row of "
            ~ source ~ "), or give " ~ source ~ " a unique_key") }}
    {%- endif -%}
    {{ return({
        'key': key,
        'source': source,
        'source_unique_key': [found.unique_key] if found.unique_key is string else found.unique_key,
        'source_key': config.get('refresh_source_key', key),
        'watermark': config.get('refresh_watermark', 'last_load_date'),
        'lookback_days': config.get('refresh_lookback_days', var('cdc_lookback_days')),
        'key_map': config.get('refresh_key_map'),
        'full_refresh_share': config.get('refresh_full_refresh_share',
                                         var('materialized_view_full_refresh_share', 0.5)),
    }) }}
{%- endmacro %}


{% macro materialized_view_state_relation() -%}
    {#- Where the refresh log of every materialized view lives:
        <database>.warehouse_meta.materialized_view_state. -#}
    {{ return(api.Relation.create(database=target.database, schema='warehouse_meta',
                                  identifier='materialized_view_state', type='table')) }}
{%- endmacro %}


{% macro materialized_view_state_setup() -%}
    {#- SQL creating the refresh log (schema and table) if missing. Run once per dbt
        invocation by on-run-start (dbt_project.yml), before models build in parallel. -#}
    {%- set state_relation = materialized_view_state_relation() -%}
    create schema if not exists {{ state_relation.without_identifier() }};
    create table if not exists {{ state_relation }} (
        relation_name {{ dbt.type_string() }},
        definition_hash {{ dbt.type_string() }},
        watermark {{ dbt.type_string() }},
        refresh_kind {{ dbt.type_string() }},
        reason {{ dbt.type_string() }},
        groups_refreshed {{ dbt.type_bigint() }},
        rows_written {{ dbt.type_bigint() }},
        refreshed_at {{ dbt.type_timestamp() }}
    )
{%- endmacro %}


{% macro materialized_view_previous_state(state_relation, relation) -%}
    {#- The latest refresh record of relation as a dict (definition_hash, watermark), or
        none when it was never refreshed. -#}
    {%- set result = run_query(
        "select definition_hash, watermark from " ~ state_relation
        ~ " where relation_name = '" ~ relation ~ "' order by refreshed_at desc limit 1") -%}
    {%- if result.rows | length == 0 -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return({'definition_hash': result.rows[0][0], 'watermark': result.rows[0][1]}) }}
{%- endmacro %}


{% macro materialized_view_members_relation(relation) -%}
    {#- Where a materialized view remembers which group each source row was counted in:
        <database>.warehouse_meta.<view>__members (the source's unique key columns and
        refresh_key, one row per source row, as of the last refresh). -#}
    {{ return(api.Relation.create(database=target.database, schema='warehouse_meta',
                                  identifier=relation.identifier ~ '__members', type='table')) }}
{%- endmacro %}


{% macro materialized_view_member_rows_sql(refresh, previous_watermark=none, all_rows=false) -%}
    {#- A query for the rows of refresh_source as (their unique key columns, refresh_key): the
        key directly (refresh_source_key, an expression over the source row) or through
        refresh_key_map (NULL when the map has no row for it). all_rows: every row (the
        membership a full refresh stores); else the changed rows, whose watermark column is
        past previous_watermark minus the lookback days (every row with a watermark when there
        was none). -#}
    {%- set key_map = refresh.key_map -%}
    select
        {%- for column in refresh.source_unique_key %}
        source_rows.{{ column }},
        {%- endfor %}
        {%- if key_map %}
        key_map.{{ key_map['key_column'] }} as refresh_key
        {%- else %}
        {{ refresh.source_key }} as refresh_key
        {%- endif %}
    from {{ ref(refresh.source) }} as source_rows
    {%- if key_map %}
    left join {{ ref(key_map['model']) }} as key_map
        on source_rows.{{ refresh.source_key }} = key_map.{{ key_map['source_column'] }}
    {%- endif %}
    {%- if not all_rows %}
    where
    {%- if previous_watermark is none %}
        source_rows.{{ refresh.watermark }} is not null
    {%- else %}
        source_rows.{{ refresh.watermark }} > {{ dbt.dateadd('day', -1 * refresh.lookback_days,
            "cast('" ~ previous_watermark ~ "' as date)") }}
    {%- endif %}
    {%- endif %}
{%- endmacro %}


{% macro materialized_view_same_row(refresh, left, right) -%}
    {#- SQL condition: relations left and right name the same source row (unique key). -#}
    {%- for column in refresh.source_unique_key -%}
        {{ left }}.{{ column }} = {{ right }}.{{ column }}{{ ' and ' if not loop.last }}
    {%- endfor -%}
{%- endmacro %}


{% macro materialized_view_touched_keys_sql(refresh, members, changed, gone) -%}
    {#- A query for the refresh_key values (column refresh_key) to recompute: the groups the
        changed rows (relation changed) are in now, the groups the membership (relation
        members) had them in before (a row whose group key changed leaves its old group),
        and the groups of rows no longer in the source (relation gone). -#}
    select refresh_key from {{ changed }}
    union
    select members.refresh_key
    from {{ members }} as members
    where exists (
        select 1 from {{ changed }} as changed
        where {{ materialized_view_same_row(refresh, 'changed', 'members') }}
    )
    union
    select gone.refresh_key from {{ gone }} as gone
{%- endmacro %}


{% macro materialized_view_record_refresh(state_relation, relation, definition_hash, watermark,
                                          refresh_kind, reason, groups_refreshed, rows_written) -%}
    {#- Appends one refresh record for relation to the refresh log. -#}
    {% call statement('record_materialized_view_refresh') -%}
        insert into {{ state_relation }} values (
            '{{ relation }}',
            '{{ definition_hash }}',
            {{ "'" ~ watermark ~ "'" if watermark is not none else 'null' }},
            '{{ refresh_kind }}',
            '{{ reason }}',
            {{ groups_refreshed }},
            {{ rows_written }},
            {{ dbt.current_timestamp() }}
        )
    {%- endcall %}
{%- endmacro %}
