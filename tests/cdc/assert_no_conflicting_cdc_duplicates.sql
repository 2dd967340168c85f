-- A conflict in the CDC log fails the build loudly: two valid copies of one (business key,
-- lsn) with different payloads (operation, commit time or row image). At-least-once
-- delivery repeats an event byte for byte; copies that differ mean the log was altered or
-- forged, and picking one would silently apply a possibly forged change (a total_price set
-- to 1.00). Staging quarantines every copy (quarantine_reason 'conflicting duplicate') and
-- applies none. Returns each copy, with its file, so the operator can correct the raw zone
-- and rebuild (README, "Bad input").
select
    source_table,
    lsn,
    operation,
    load_date,
    source_file,
    raw_event
from {{ ref('int_cdc_events_quarantined') }}
where quarantine_reason = 'conflicting duplicate'
