-- TPC-H Q22 (global sales opportunity), validation parameters I1..I7 = 13, 31, 23, 29, 30,
-- 18, 17: customers of seven country codes (the phone's first two digits) with an account
-- balance above their codes' positive average and no order, counted and summed per code.
-- The marts side reads the base extract's customers (the dim_customer version valid at var
-- tpch_last_order_date) and the orders of its era.
with

raw_customers as (
    select
        c_custkey,
        substring(c_phone, 1, 2) as country_code,
        c_acctbal
    from {{ source('tpch', 'customer') }}
    where substring(c_phone, 1, 2) in ('13', '31', '23', '29', '30', '18', '17')
),

raw_answer as (
    select
        raw_customers.country_code,
        count(*) as customer_count,
        sum(raw_customers.c_acctbal) as total_account_balance
    from raw_customers
    where
        raw_customers.c_acctbal > (
            select avg(positive.c_acctbal) from raw_customers as positive
            where positive.c_acctbal > 0.00
        )
        and not exists (
            select 1
            from {{ source('tpch', 'orders') }} as orders
            where orders.o_custkey = raw_customers.c_custkey
        )
    group by raw_customers.country_code
),

mart_answer as (
    {{ tpch_q22_from_marts(ordered=false) }}
),

{{ compare_answers('raw_answer', 'mart_answer') }}
