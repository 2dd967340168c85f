{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='append_new_columns',
        meta={'test_window': {'loaded': 'load_date'}}
    )
}}

-- Append-only: a row is written once and never updated. Late or replayed events inside
-- the lookback window are appended only if their (order_id, lsn) is not there yet.
with

order_events as (
    select * from {{ ref('stg_cdc__order_events') }}
),

accepted_events as (
    select
        *,
        row_number() over (partition by order_id, lsn order by source_file, raw_event) as copy_number
    from order_events
    where
        quarantine_reason is null
        and operation in ('c', 'u', 'r')
        and {{ cdc_within_cutoff() }}
),

status_changes as (
    select
        order_id,
        lsn,
        changed_at as status_changed_at,
        {{ date_key('cast(changed_at as date)') }} as status_changed_date_key,
        previous_order_status,
        order_status,
        load_date,
        {{ raw_zone_loaded_at('accepted_events.load_date') }} as loaded_at
    from accepted_events
    where
        copy_number = 1
        and (operation <> 'u' or previous_order_status is distinct from order_status)
)

select status_changes.*
from status_changes
{%- if is_incremental() %}
    where
        status_changes.load_date >= {{ incremental_cutoff('load_date') }}
        and not exists (
            select 1
            from {{ this }} as existing
            where
                existing.order_id = status_changes.order_id
                and existing.lsn = status_changes.lsn
        )
{%- endif %}
