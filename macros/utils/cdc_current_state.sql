{% macro cdc_current_state(base_relation, events_relation, key_columns, columns) -%}
    {#- Current state per business key: the base extract overlaid with the accepted CDC
        events. Events are deduplicated on (key, lsn), applied in lsn order (never arrival
        order), and a delete becomes a soft delete (is_deleted, deleted_at) keeping the last
        known values. Rows without events keep the base values with last_lsn 0,
        last_load_date NULL and updated_at = var('history_start_at'). With
        var('cdc_through_load_date') set, only events delivered up to that date count (used
        to replay the history day by day). In an incremental run only keys with an accepted
        event delivered since incremental_cutoff() are recomputed (from all their events)
        and merged; the base extract is not read at all. -#}
    {%- set keys = key_columns | join(', ') %}
with

events as (
    select * from {{ events_relation }}
),

{%- if is_incremental() %}

touched_keys as (
    select distinct {{ keys }}
    from events
    where
        quarantine_reason is null
        and {{ cdc_within_cutoff() }}
        and load_date >= {{ incremental_cutoff() }}
),
{%- endif %}

accepted_events as (
    select
        events.*,
        row_number() over (
            partition by {% for key in key_columns %}events.{{ key }}, {% endfor %}events.lsn
            order by events.source_file, events.raw_event
        ) as copy_number
    from events
    {%- if is_incremental() %}
    inner join touched_keys
        on
            {%- for key in key_columns %}
            events.{{ key }} = touched_keys.{{ key }}{% if not loop.last %} and{% endif %}
            {%- endfor %}
    {%- endif %}
    where
        events.quarantine_reason is null
        and {{ cdc_within_cutoff('events.load_date') }}
),

ranked_events as (
    select
        *,
        row_number() over (partition by {{ keys }} order by lsn desc) as recency
    from accepted_events
    where copy_number = 1
),

changed_rows as (
    select
        {%- for column in key_columns + columns %}
        {{ column }},
        {%- endfor %}
        operation = 'd' as is_deleted,
        case when operation = 'd' then changed_at end as deleted_at,
        changed_at as updated_at,
        lsn as last_lsn,
        load_date as last_load_date
    from ranked_events
    where recency = 1
),

{%- if not is_incremental() %}

base as (
    select * from {{ base_relation }}
),

unchanged_rows as (
    select
        {%- for column in key_columns + columns %}
        base.{{ column }},
        {%- endfor %}
        false as is_deleted,
        cast(null as {{ dbt.type_timestamp() }}) as deleted_at,
        cast('{{ var("history_start_at") }}' as {{ dbt.type_timestamp() }}) as updated_at,
        cast(0 as {{ dbt.type_bigint() }}) as last_lsn,
        cast(null as date) as last_load_date
    from base
    where not exists (
        select 1
        from changed_rows
        where
            {%- for key in key_columns %}
            changed_rows.{{ key }} = base.{{ key }}{% if not loop.last %} and{% endif %}
            {%- endfor %}
    )
),
{%- endif %}

current_state as (
    select * from changed_rows
    {%- if not is_incremental() %}
    union all
    select * from unchanged_rows
    {%- endif %}
)

select * from current_state
{%- endmacro %}
