-- mv_daily_revenue, maintained incrementally by the materialized_view materialization, equals its
-- query computed from scratch now (after every replayed day of make build / make test).
-- Returns one row per kind of mismatch.
with

from_scratch as (
    select * from {{ materialized_view_definition_relation(ref('mv_daily_revenue')) }}
),

maintained as (
    select * from {{ ref('mv_daily_revenue') }}
),

{{ compare_answers('from_scratch', 'maintained') }}
