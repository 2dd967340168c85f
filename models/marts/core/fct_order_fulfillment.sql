{{
    config(
        materialized='incremental',
        incremental_strategy='merge',
        unique_key='order_id',
        on_schema_change='append_new_columns',
        meta={'test_window': {'loaded': 'last_load_date'}}
    )
}}

-- Accumulating snapshot: one row per order, its milestones filled in (and the row
-- updated) as the order progresses.
with

orders as (
    select * from {{ ref('fct_orders') }}
),

order_lines as (
    select * from {{ ref('fct_order_lines') }}
),

status_events as (
    select * from {{ ref('fct_order_status_events') }}
),

dates as (
    select * from {{ ref('dim_date') }}
),

changed_orders as (
    select orders.*
    from orders
    {%- if is_incremental() %}
        where orders.last_load_date >= {{ incremental_cutoff() }}
    {%- endif %}
),

line_milestones as (
    select
        order_lines.order_id,
        min(ship_dates.full_date) as first_ship_date,
        max(ship_dates.full_date) as last_ship_date,
        max(commit_dates.full_date) as last_commit_date,
        max(receipt_dates.full_date) as last_receipt_date
    from order_lines
    inner join dates as ship_dates
        on order_lines.ship_date_key = ship_dates.date_key
    inner join dates as commit_dates
        on order_lines.commit_date_key = commit_dates.date_key
    inner join dates as receipt_dates
        on order_lines.receipt_date_key = receipt_dates.date_key
    where order_lines.order_id in (select changed_orders.order_id from changed_orders)
    group by order_lines.order_id
),

status_milestones as (
    select
        order_id,
        min(case when order_status = 'P' then status_changed_at end) as partially_fulfilled_at,
        min(case when order_status = 'F' then status_changed_at end) as fulfilled_at
    from status_events
    where order_id in (select changed_orders.order_id from changed_orders)
    group by order_id
),

fulfillment as (
    select
        changed_orders.order_id,
        changed_orders.customer_key,
        changed_orders.order_date_key,
        order_dates.full_date as order_date,
        line_milestones.first_ship_date,
        line_milestones.last_ship_date,
        line_milestones.last_commit_date,
        line_milestones.last_receipt_date,
        status_milestones.partially_fulfilled_at,
        status_milestones.fulfilled_at,
        changed_orders.order_status,
        changed_orders.order_status = 'F' as is_fulfilled,
        -- dbt.datediff's type differs per engine (BIGINT on DuckDB, INTEGER on PostgreSQL):
        -- cast to the contract's.
        cast(
            {{ dbt.datediff('order_dates.full_date', 'line_milestones.first_ship_date', 'day') }}
            as {{ dbt.type_bigint() }}
        ) as days_order_to_first_ship,
        cast(
            {{ dbt.datediff('order_dates.full_date', 'line_milestones.last_receipt_date', 'day') }}
            as {{ dbt.type_bigint() }}
        ) as days_order_to_last_receipt,
        cast(
            {{ dbt.datediff('line_milestones.last_commit_date', 'line_milestones.last_receipt_date', 'day') }}
            as {{ dbt.type_bigint() }}
        ) as days_receipt_after_commit,
        line_milestones.last_receipt_date > line_milestones.last_commit_date as is_delivered_late,
        changed_orders.is_deleted,
        changed_orders.last_load_date
    from changed_orders
    left join dates as order_dates
        on changed_orders.order_date_key = order_dates.date_key
    left join line_milestones
        on changed_orders.order_id = line_milestones.order_id
    left join status_milestones
        on changed_orders.order_id = status_milestones.order_id
),

with_loaded_at as (
    select
        fulfillment.*,
        {{ raw_zone_loaded_at('fulfillment.last_load_date') }} as loaded_at
    from fulfillment
)

select * from with_loaded_at
