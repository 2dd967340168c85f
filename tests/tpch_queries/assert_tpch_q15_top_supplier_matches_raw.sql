-- TPC-H Q15 (top supplier), validation parameter DATE = 1996-01-01: the supplier(s) with the
-- highest revenue shipped in one quarter. The marts side names them as the base extract does
-- (the dim_supplier version valid at var tpch_last_order_date).
with

raw_revenue as (
    select
        l_suppkey as supplier_id,
        sum(l_extendedprice * (1 - l_discount)) as total_revenue
    from {{ source('tpch', 'lineitem') }}
    where
        l_shipdate >= cast('1996-01-01' as date)
        and l_shipdate < cast('1996-04-01' as date)
    group by l_suppkey
),

raw_answer as (
    select
        supplier.s_suppkey as supplier_id,
        supplier.s_name as supplier_name,
        supplier.s_address as address,
        supplier.s_phone as phone,
        raw_revenue.total_revenue
    from {{ source('tpch', 'supplier') }} as supplier
    inner join raw_revenue
        on supplier.s_suppkey = raw_revenue.supplier_id
    where raw_revenue.total_revenue = (select max(best.total_revenue) from raw_revenue as best)
),

mart_answer as (
    {{ tpch_q15_from_marts(ordered=false) }}
),

{{ compare_answers('raw_answer', 'mart_answer') }}
