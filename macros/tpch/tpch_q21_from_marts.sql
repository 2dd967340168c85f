{% macro tpch_q21_from_marts(ordered=true) -%}
with

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
)

select * from mart_answer
{%- if ordered %}
order by waiting_order_count desc, supplier_name
limit 100
{%- endif %}
{%- endmacro %}
