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

status_changes as (
    select
        order_id,
        previous_order_status,
        row_number() over (partition by order_id order by lsn) as change_number
    from {{ ref('fct_order_status_events') }}
),

base_orders as (
    select
        orders.order_id,
        coalesce(first_changes.previous_order_status, orders.order_status) as order_status
    from {{ ref('fct_orders') }} as orders
    left join status_changes as first_changes
        on
            orders.order_id = first_changes.order_id
            and first_changes.change_number = 1
    where orders.order_date <= cast('{{ var("tpch_last_order_date") }}' as date)
),

suppliers as (
    select * from {{ ref('dim_supplier') }}
),

lines as (
    select
        order_lines.order_id,
        suppliers.supplier_id,
        suppliers.supplier_name,
        suppliers.nation_name,
        order_lines.receipt_date_key > order_lines.commit_date_key as is_late
    from {{ ref('fct_order_lines') }} as order_lines
    inner join suppliers
        on order_lines.supplier_key = suppliers.supplier_key
),

mart_answer as (
    select
        late_line.supplier_name,
        count(*) as waiting_order_count
    from lines as late_line
    inner join base_orders
        on late_line.order_id = base_orders.order_id
    where
        base_orders.order_status = 'F'
        and late_line.is_late
        and late_line.nation_name = 'SAUDI ARABIA'
        and exists (
            select 1
            from lines as other_line
            where
                other_line.order_id = late_line.order_id
                and other_line.supplier_id <> late_line.supplier_id
        )
        and not exists (
            select 1
            from lines as other_late_line
            where
                other_late_line.order_id = late_line.order_id
                and other_late_line.supplier_id <> late_line.supplier_id
                and other_late_line.is_late
        )
    group by late_line.supplier_name
),

{{ compare_answers('raw_answer', 'mart_answer') }}
