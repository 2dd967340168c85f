{{ config(materialized='table') }}

{%- set event_models = cdc_event_models() %}
with

quarantined as (
    {%- for source_table, model in event_models %}
        select
            '{{ source_table }}' as source_table,
            lsn,
            operation,
            changed_at,
            load_date,
            source_file,
            source_line_number,
            quarantine_reason,
            raw_event
        from {{ ref(model) }}
        where
            quarantine_reason is not null
            and {{ cdc_within_cutoff() }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

{#- A delete of a key that never existed (no base-extract row and no earlier accepted
    create or update of it): applying it would invent a soft-deleted row. Only the whole
    history shows it, so it is found here rather than in staging. #}

unknown_key_deletes as (
    {%- for source_table, model in event_models %}
        {%- set spec = cdc_event_keys()[source_table] %}
        select
            '{{ source_table }}' as source_table,
            deletes.lsn,
            deletes.operation,
            deletes.changed_at,
            deletes.load_date,
            deletes.source_file,
            deletes.source_line_number,
            'delete of an unknown key' as quarantine_reason,
            deletes.raw_event
        from {{ ref(model) }} as deletes
        where
            deletes.quarantine_reason is null
            and deletes.operation = 'd'
            and {{ cdc_within_cutoff('deletes.load_date') }}
            and not exists (
                select 1 from {{ ref(spec.base) }} as base
                where
                    {%- for key in spec['keys'] %}
                        base.{{ key }} = deletes.{{ key }}{% if not loop.last %} and{% endif %}
                    {%- endfor %}
            )
            and not exists (
                select 1 from {{ ref(model) }} as earlier
                where
                    {%- for key in spec['keys'] %}
                        earlier.{{ key }} = deletes.{{ key }} and
                    {%- endfor %}
                    earlier.quarantine_reason is null
                    and earlier.operation <> 'd'
                    and earlier.lsn < deletes.lsn
                    and {{ cdc_within_cutoff('earlier.load_date') }}
            )
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
)

select * from quarantined
union all
select * from unknown_key_deletes
