{#- What timestamp-based CDC misses against log-based CDC, per source table and business date
    (the commit date of the changes): the log's accepted, deduplicated events and changed
    keys beside the rows the timestamp feed landed, and the differences by kind. -#}

with

{% for spec in cdc_capture_tables() %}
    {{ spec.table }}_log as (
        select distinct
            '{{ spec.table }}' as table_name,
            {{ cdc_key_text(spec['log_keys']) }} as business_key,
            lsn,
            operation,
            changed_at
        from {{ ref(spec.log_model) }}
        where {{ cdc_accepted() }}
    ),

{% endfor -%}

log_events as (
    {{ union_all_ctes(cdc_capture_tables() | map(attribute='table'), suffix='_log') }}
),

base_rows as (
    select * from {{ ref('stg_tpch__row_hashes') }}
),

log_days as (
    -- One row per key and commit date in the log: its events, and whether the day ended
    -- with a delete.
    select
        table_name,
        business_key,
        cast(changed_at as date) as business_date,
        count(*) as events,
        max(lsn) as last_lsn
    from log_events
    group by table_name, business_key, cast(changed_at as date)
),

log_key_days as (
    select
        log_days.*,
        last_events.operation = 'd' as ends_deleted
    from log_days
    inner join log_events as last_events
        on
            log_days.table_name = last_events.table_name
            and log_days.business_key = last_events.business_key
            and log_days.last_lsn = last_events.lsn
),

ts_rows as (
    -- Each landed version beside the version before it (the previous one landed, or the
    -- base extract's row): equal hashes mean the timestamp feed saw no change.
    select
        changed.table_name,
        changed.business_key,
        changed.business_date,
        changed.row_hash,
        coalesce(
            lag(changed.row_hash) over (
                partition by changed.table_name, changed.business_key order by changed.updated_at
            ),
            base_rows.row_hash
        ) as previous_row_hash
    from {{ ref('stg_ts__changed_rows') }} as changed
    left join base_rows
        on
            changed.table_name = base_rows.table_name
            and changed.business_key = base_rows.business_key
),

ts_key_days as (
    select
        table_name,
        business_key,
        business_date,
        count(*) as landed_rows,
        max(case when row_hash = previous_row_hash then 1 else 0 end) as is_unchanged
    from ts_rows
    group by table_name, business_key, business_date
),

key_days as (
    select
        coalesce(log_key_days.table_name, ts_key_days.table_name) as table_name,
        coalesce(log_key_days.business_date, ts_key_days.business_date) as business_date,
        coalesce(log_key_days.events, 0) as log_events,
        log_key_days.business_key is not null as in_log,
        coalesce(log_key_days.ends_deleted, false) as ends_deleted,
        ts_key_days.business_key is not null as in_ts,
        coalesce(ts_key_days.landed_rows, 0) as landed_rows,
        coalesce(ts_key_days.is_unchanged, 0) = 1 as is_unchanged
    from log_key_days
    full outer join ts_key_days
        on
            log_key_days.table_name = ts_key_days.table_name
            and log_key_days.business_key = ts_key_days.business_key
            and log_key_days.business_date = ts_key_days.business_date
),

coverage as (
    -- The timestamp feed covers the days from its first landed change on (a simulation
    -- started before the source had updated_at has earlier days only in the log).
    select min(business_date) as first_business_date from {{ ref('stg_ts__changed_rows') }}
),

comparison as (
    select
        table_name,
        business_date,
        coalesce(business_date >= (select coverage.first_business_date from coverage), false) as is_covered,
        sum(log_events) as log_events,
        sum(case when in_log then 1 else 0 end) as log_changed_keys,
        sum(landed_rows) as ts_rows,
        sum(case when in_log and ends_deleted then 1 else 0 end) as deletes_missed,
        sum(case when in_log then log_events - 1 else 0 end) as intermediate_states_missed,
        sum(case when in_log and in_ts and is_unchanged and log_events >= 2 then 1 else 0 end)
            as changed_back_keys,
        sum(case when in_log and not ends_deleted and not in_ts then 1 else 0 end)
            as changed_keys_not_landed,
        sum(case when in_ts and not in_log then 1 else 0 end) as landed_keys_without_log_event
    from key_days
    group by table_name, business_date
)

select * from comparison
