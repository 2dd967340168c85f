{% macro cdc_current_state(base_relation, events_relation, key_columns, columns, changed_after=none) -%}
    {#- Current state per business key: the base extract overlaid with the accepted CDC
        events (cdc_accepted: a delete of a key that never existed is not applied). Events are deduplicated on (key, lsn), applied in lsn order (never arrival
        order), and a delete becomes a soft delete (is_deleted, deleted_at) keeping the last
        known values. updated_at is the commit time since which the row holds its current
        values: the first of the trailing events that leave it as the latest one does, so an
        update that changes nothing does not move it (nor a snapshot's valid_from). Rows
        without events keep the base values with last_lsn 0,
        last_load_date NULL and updated_at = var('history_start_at'). With
        var('cdc_through_load_date') set, only events delivered up to that date count (used
        to replay the history day by day). In an incremental run only keys with an accepted
        event delivered since incremental_cutoff() are recomputed (from all their events)
        and merged; the base extract is not read at all. With changed_after (a scalar SQL
        date expression), the same recomputation for the keys with an accepted event
        delivered after that date, in any model (the speed layer's live views: the batch
        logic over the events a build has not read yet). -#}
    {%- set keys = key_columns | join(', ') %}
    {%- set recompute = changed_after is not none or is_incremental() %}
    {%- if changed_after is not none %}
        {%- set since = 'load_date > ' ~ changed_after %}
    {%- elif recompute %}
        {%- set since = 'load_date >= ' ~ incremental_cutoff() %}
    {%- endif %}
with

events as (
    select * from {{ events_relation }}
),

{%- if recompute %}

touched_keys as (
    select distinct {{ keys }}
    from events
    where
        {{ cdc_accepted() }}
        and {{ since }}
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
    {%- if recompute %}
    inner join touched_keys
        on
            {%- for key in key_columns %}
            events.{{ key }} = touched_keys.{{ key }}{% if not loop.last %} and{% endif %}
            {%- endfor %}
    {%- endif %}
    where
        {{ cdc_accepted('events') }}
),

ranked_events as (
    select
        *,
        row_number() over (partition by {{ keys }} order by lsn desc) as recency
    from accepted_events
    where copy_number = 1
),

latest_events as (
    select * from ranked_events
    where recency = 1
),

{#- The latest event whose row image differs from the latest event's: the current values
    hold since the next event. Updates that change nothing (the source rewrote a row with
    its own values) so never move updated_at. #}
last_different_events as (
    select
        {%- for key in key_columns %}
        ranked_events.{{ key }},
        {%- endfor %}
        max(ranked_events.lsn) as lsn
    from ranked_events
    inner join latest_events
        on
            {%- for key in key_columns %}
            ranked_events.{{ key }} = latest_events.{{ key }}{% if not loop.last %} and{% endif %}
            {%- endfor %}
    where (
        (ranked_events.operation = 'd') != (latest_events.operation = 'd')
        {%- for column in columns %}
        or ranked_events.{{ column }} is distinct from latest_events.{{ column }}
        {%- endfor %}
    )
    group by {% for key in key_columns %}ranked_events.{{ key }}{% if not loop.last %}, {% endif %}{% endfor %}
),

state_since as (
    select
        {%- for key in key_columns %}
        ranked_events.{{ key }},
        {%- endfor %}
        min(ranked_events.changed_at) as changed_at
    from ranked_events
    left join last_different_events
        on
            {%- for key in key_columns %}
            ranked_events.{{ key }} = last_different_events.{{ key }}{% if not loop.last %} and{% endif %}
            {%- endfor %}
    where last_different_events.lsn is null or ranked_events.lsn > last_different_events.lsn
    group by {% for key in key_columns %}ranked_events.{{ key }}{% if not loop.last %}, {% endif %}{% endfor %}
),

changed_rows as (
    select
        {%- for column in key_columns + columns %}
        latest_events.{{ column }},
        {%- endfor %}
        latest_events.operation = 'd' as is_deleted,
        case when latest_events.operation = 'd' then latest_events.changed_at end as deleted_at,
        state_since.changed_at as updated_at,
        latest_events.lsn as last_lsn,
        latest_events.load_date as last_load_date
    from latest_events
    inner join state_since
        on
            {%- for key in key_columns %}
            latest_events.{{ key }} = state_since.{{ key }}{% if not loop.last %} and{% endif %}
            {%- endfor %}
),

{%- if not recompute %}

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
    {%- if not recompute %}
    union all
    select * from unchanged_rows
    {%- endif %}
)

select * from current_state
{%- endmacro %}
