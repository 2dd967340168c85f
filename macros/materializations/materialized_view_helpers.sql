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
    {{ return({
        'key': key,
        'source': source,
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


{% macro materialized_view_touched_keys_sql(refresh, previous_watermark) -%}
    {#- A query for the distinct refresh_key values (column refresh_key) of refresh_source
        rows whose watermark column is past previous_watermark minus the lookback days
        (every row with a watermark when there was none), mapped through refresh_key_map
        when the key lives in another model. -#}
    {%- set key_map = refresh.key_map -%}
    select distinct
        {%- if key_map %}
        key_map.{{ key_map['key_column'] }} as refresh_key
        {%- else %}
        {{ refresh.source_key }} as refresh_key
        {%- endif %}
    from {{ ref(refresh.source) }} as source_rows
    {%- if key_map %}
    inner join {{ ref(key_map['model']) }} as key_map
        on source_rows.{{ refresh.source_key }} = key_map.{{ key_map['source_column'] }}
    {%- endif %}
    where
    {%- if previous_watermark is none %}
        source_rows.{{ refresh.watermark }} is not null
    {%- else %}
        source_rows.{{ refresh.watermark }} > {{ dbt.dateadd('day', -1 * refresh.lookback_days,
            "cast('" ~ previous_watermark ~ "' as date)") }}
    {%- endif %}
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
