-- Nothing is silently dropped from the CDC feed: per source table and load date (within
-- the replay cutoff), the lines delivered to the raw zone (one source row per line, bad
-- lines included) = events accepted (cdc_accepted) + lines quarantined.
-- Returns each (table, load_date) that does not add up.
{%- set tables = cdc_event_models() %}
with

delivered as (
    {%- for source_table, model in tables %}
        select
            '{{ source_table }}' as source_table,
            load_date,
            count(*) as delivered_events
        from {{ source('cdc', source_table) }}
        where {{ cdc_within_cutoff() }}
        group by load_date
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

accepted as (
    {%- for source_table, model in tables %}
        select
            '{{ source_table }}' as source_table,
            load_date,
            count(*) as accepted_events
        from {{ ref(model) }}
        where {{ cdc_accepted() }}
        group by load_date
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

quarantined as (
    select
        source_table,
        load_date,
        count(*) as quarantined_events
    from {{ ref('int_cdc_events_quarantined') }}
    group by source_table, load_date
),

reconciled as (
    select
        delivered.source_table,
        delivered.load_date,
        delivered.delivered_events,
        coalesce(accepted.accepted_events, 0) as accepted_events,
        coalesce(quarantined.quarantined_events, 0) as quarantined_events
    from delivered
    left join accepted
        on
            delivered.source_table = accepted.source_table
            and delivered.load_date = accepted.load_date
    left join quarantined
        on
            delivered.source_table = quarantined.source_table
            and delivered.load_date = quarantined.load_date
)

select *
from reconciled
where delivered_events <> accepted_events + quarantined_events
