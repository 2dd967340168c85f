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
)

select * from quarantined
