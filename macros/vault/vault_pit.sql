{% macro vault_pit(hash_key, hub, satellites) -%}
    {#- A point-in-time table: one row per hub key and snapshot date of
        control_snapshot_dates, with, for each satellite, the hash key and effective_from
        of its row in force at the end of the date (effective_from < snapshot_end_at and no
        later row starting before it), or the ghost record (zero key, 1900-01-01).
        satellites: satellite model names 'sat_<name>'; columns are named <name>_hk and
        <name>_effective_from. -#}
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
        hub.{{ hash_key }},
        snapshot_dates.snapshot_date
        {%- for satellite in satellites %}
        {%- set name = satellite | replace('sat_', '', 1) %},
        coalesce({{ satellite }}_ranges.{{ hash_key }}, '{{ vault_zero_key() }}') as {{ name }}_hk,
        coalesce({{ satellite }}_ranges.effective_from, {{ vault_ghost_datetime() }}) as {{ name }}_effective_from
        {%- endfor %}
    from hub
    cross join snapshot_dates
    {%- for satellite in satellites %}
    left join {{ satellite }}_ranges
        on
            hub.{{ hash_key }} = {{ satellite }}_ranges.{{ hash_key }}
            and snapshot_dates.snapshot_end_at > {{ satellite }}_ranges.effective_from
            and snapshot_dates.snapshot_end_at <= {{ satellite }}_ranges.effective_to
    {%- endfor %}
)

select * from pit
{%- endmacro %}
