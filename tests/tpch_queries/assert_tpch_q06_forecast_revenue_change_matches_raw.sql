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

order_lines as (
    select * from {{ ref('fct_order_lines') }}
),

ship_dates as (
    select * from {{ ref('dim_date') }}
),

mart_answer as (
    select sum(order_lines.discount_amount) as revenue
    from order_lines
    inner join ship_dates
        on order_lines.ship_date_key = ship_dates.date_key
    where
        ship_dates.year = 1994
        and order_lines.discount_rate between 0.05 and 0.07
        and order_lines.quantity < 24
),

{{ compare_answers('raw_answer', 'mart_answer') }}
