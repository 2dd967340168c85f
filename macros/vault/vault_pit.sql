{% macro vault_pit(hash_key, hub, satellites) -%}
    {#- A point-in-time table: one row per hub key and snapshot date of
        control_snapshot_dates, with, for each satellite, the hash key and effective_from
        of its row in force at the end of the date (effective_from < snapshot_end_at and no
        later row starting before it), or the ghost record (zero key, 1900-01-01).
        satellites: satellite model names 'sat_<name>'; columns are named <name>_hk and
        <name>_effective_from. Incremental (delete+insert on the key and snapshot date): a
        run computes every key on the snapshot dates not stored yet, and every date of the
        keys with satellite rows loaded since (late rows change past dates); a full refresh
        computes hub x every date. -#}
with

hub as (
    select {{ hash_key }} from {{ ref(hub) }}
),

snapshot_dates as (
    select
        snapshot_date,
        snapshot_end_at
    from {{ ref('control_snapshot_dates') }}
),
{%- if is_incremental() %}

stored as (
    select coalesce(max(snapshot_date), cast('1900-01-01' as date)) as last_snapshot_date
    from {{ this }}
),

{#- Keys with satellite rows loaded since the stored snapshots were computed (less
    cdc_lookback_days, for re-runs): new keys, changes, late rows that alter past dates. #}
touched_keys as (
    {%- for satellite in satellites %}
    select {{ hash_key }} from {{ ref(satellite) }}
    where
        cdc_load_date
        >= {{ dbt.dateadd('day', -1 * var('cdc_lookback_days'), '(select stored.last_snapshot_date from stored)') }}
    {%- if not loop.last %}
    union
    {%- endif %}
    {%- endfor %}
),
{%- endif %}

{#- Full refresh: every key on every date. Incremental: every key on the new snapshot
    dates, and the touched keys on every date. #}
targets as (
    select
        hub.{{ hash_key }},
        snapshot_dates.snapshot_date,
        snapshot_dates.snapshot_end_at
    from hub
    cross join snapshot_dates
    {%- if is_incremental() %}
    where
        snapshot_dates.snapshot_date > (select stored.last_snapshot_date from stored)
        or hub.{{ hash_key }} in (select touched_keys.{{ hash_key }} from touched_keys)
    {%- endif %}
),
{% for satellite in satellites %}
{{ satellite }}_ranges as (
    select
        {{ hash_key }},
        effective_from,
        coalesce(
            lead(effective_from) over (partition by {{ hash_key }} order by effective_from),
            cast('9999-12-31' as {{ dbt.type_timestamp() }})
        ) as effective_to
    from {{ ref(satellite) }}
    where {{ hash_key }} <> '{{ vault_zero_key() }}'
),
{% endfor %}
pit as (
    select
        targets.{{ hash_key }},
        targets.snapshot_date
        {%- for satellite in satellites %}
        {%- set name = satellite | replace('sat_', '', 1) %},
        coalesce({{ satellite }}_ranges.{{ hash_key }}, '{{ vault_zero_key() }}') as {{ name }}_hk,
        coalesce({{ satellite }}_ranges.effective_from, {{ vault_ghost_datetime() }}) as {{ name }}_effective_from
        {%- endfor %}
    from targets
    {%- for satellite in satellites %}
    left join {{ satellite }}_ranges
        on
            targets.{{ hash_key }} = {{ satellite }}_ranges.{{ hash_key }}
            and targets.snapshot_end_at > {{ satellite }}_ranges.effective_from
            and targets.snapshot_end_at <= {{ satellite }}_ranges.effective_to
    {%- endfor %}
)

select * from pit
{%- endmacro %}
