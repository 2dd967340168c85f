-- TPC-H Q6 (forecasting revenue change), validation parameters DATE = 1994-01-01,
-- DISCOUNT = 0.06, QUANTITY = 24.
with

raw_answer as (
    select sum(l_extendedprice * l_discount) as revenue
    from {{ source('tpch', 'lineitem') }}
    where
        l_shipdate >= cast('1994-01-01' as date)
        and l_shipdate < cast('1995-01-01' as date)
        and l_discount between 0.05 and 0.07
        and l_quantity < 24
),

mart_answer as (
    {{ tpch_q06_from_marts(ordered=false) }}
),

{{ compare_answers('raw_answer', 'mart_answer') }}
