-- TPC-H Q1 (pricing summary report), validation parameter DELTA = 90 days: the star schema
-- gives the same answer as the raw tables. Averages are compared rounded to 6 decimals
-- (floating point); sums are exact decimals. The raw side is the base extract, so the
-- mart side takes the orders of the base extract's era (order date <= var tpch_last_order_date,
-- 1998-08-02): orders created later by CDC are not in raw tpch.lineitem.
with

raw_answer as (
    select
        l_returnflag as return_flag,
        l_linestatus as line_status,
        sum(l_quantity) as sum_qty,
        sum(l_extendedprice) as sum_base_price,
        sum(l_extendedprice * (1 - l_discount)) as sum_disc_price,
        sum(l_extendedprice * (1 - l_discount) * (1 + l_tax)) as sum_charge,
        round(avg(l_quantity), 6) as avg_qty,
        round(avg(l_extendedprice), 6) as avg_price,
        round(avg(l_discount), 6) as avg_disc,
        count(*) as count_order
    from {{ source('tpch', 'lineitem') }}
    where l_shipdate <= {{ dbt.dateadd('day', -90, "cast('1998-12-01' as date)") }}
    group by l_returnflag, l_linestatus
),

order_lines as (
    select * from {{ ref('fct_order_lines') }}
),

ship_dates as (
    select * from {{ ref('dim_date') }}
),

order_dates as (
    select * from {{ ref('dim_date') }}
),

mart_answer as (
    select
        order_lines.return_flag,
        order_lines.line_status,
        sum(order_lines.quantity) as sum_qty,
        sum(order_lines.extended_price) as sum_base_price,
        sum(order_lines.net_amount) as sum_disc_price,
        sum(order_lines.gross_amount) as sum_charge,
        round(avg(order_lines.quantity), 6) as avg_qty,
        round(avg(order_lines.extended_price), 6) as avg_price,
        round(avg(order_lines.discount_rate), 6) as avg_disc,
        count(*) as count_order
    from order_lines
    inner join ship_dates
        on order_lines.ship_date_key = ship_dates.date_key
    inner join order_dates
        on order_lines.order_date_key = order_dates.date_key
    where
        ship_dates.full_date <= {{ dbt.dateadd('day', -90, "cast('1998-12-01' as date)") }}
        and order_dates.full_date <= cast('{{ var("tpch_last_order_date") }}' as date)
    group by order_lines.return_flag, order_lines.line_status
),

{{ compare_answers('raw_answer', 'mart_answer') }}
