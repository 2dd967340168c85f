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

mart_answer as (
    select
        return_flag,
        line_status,
        sum_qty,
        sum_base_price,
        sum_disc_price,
        sum_charge,
        round(avg_qty, 6) as avg_qty,
        round(avg_price, 6) as avg_price,
        round(avg_disc, 6) as avg_disc,
        count_order
    from ({{ tpch_q01_from_marts(ordered=false) }}) as q01
),

{{ compare_answers('raw_answer', 'mart_answer') }}
