-- TPC-H Q21 (suppliers who kept orders waiting), validation parameter NATION = SAUDI ARABIA:
-- per Saudi supplier, the finished multi-supplier orders on which it alone delivered late.
-- Compared without Q21's LIMIT 100. Order status changes after the base extract (CDC), so
-- the marts side reads each order's status as the base extract had it: the status before
-- its first change in fct_order_status_events, else its current status.
with

raw_answer as (
    select
        supplier.s_name as supplier_name,
        count(*) as waiting_order_count
    from {{ source('tpch', 'lineitem') }} as late_line
    inner join {{ source('tpch', 'supplier') }} as supplier
        on late_line.l_suppkey = supplier.s_suppkey
    inner join {{ source('tpch', 'orders') }} as orders
        on late_line.l_orderkey = orders.o_orderkey
    inner join {{ source('tpch', 'nation') }} as nation
        on supplier.s_nationkey = nation.n_nationkey
    where
        orders.o_orderstatus = 'F'
        and late_line.l_receiptdate > late_line.l_commitdate
        and nation.n_name = 'SAUDI ARABIA'
        and exists (
            select 1
            from {{ source('tpch', 'lineitem') }} as other_line
            where
                other_line.l_orderkey = late_line.l_orderkey
                and other_line.l_suppkey <> late_line.l_suppkey
        )
        and not exists (
            select 1
            from {{ source('tpch', 'lineitem') }} as other_late_line
            where
                other_late_line.l_orderkey = late_line.l_orderkey
                and other_late_line.l_suppkey <> late_line.l_suppkey
                and other_late_line.l_receiptdate > other_late_line.l_commitdate
        )
    group by supplier.s_name
),

mart_answer as (
    {{ tpch_q21_from_marts(ordered=false) }}
),

{{ compare_answers('raw_answer', 'mart_answer') }}
