-- mv_monthly_revenue_by_region_brand, maintained incrementally by the materialized_view
-- materialization, equals its
-- query computed from scratch now (after every replayed day of make build / make test).
-- Returns one row per kind of mismatch.
with

from_scratch as (
    {{ mv_monthly_revenue_by_region_brand_query() }}
),

maintained as (
    select * from {{ ref('mv_monthly_revenue_by_region_brand') }}
),

{{ compare_answers('from_scratch', 'maintained') }}
