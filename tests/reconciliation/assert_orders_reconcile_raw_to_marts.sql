-- Orders reconcile: raw base extract + orders created by accepted CDC events = current
-- state = fct_orders, by count; total price and deletions agree between the current state
-- and the fact. Returns one row per check that fails.
with

raw_base as (
    select count(*) as row_count from {{ source('tpch', 'orders') }}
),

raw_created as (
    select count(distinct order_id) as row_count
    from {{ ref('stg_cdc__order_events') }}
    where
        quarantine_reason is null
        and operation = 'c'
        and {{ cdc_within_cutoff() }}
),

current_state as (
    select
        count(*) as row_count,
        sum(total_price) as total_price,
        sum(case when is_deleted then 1 else 0 end) as deleted_orders
    from {{ ref('int_orders_current') }}
),

mart as (
    select
        count(*) as row_count,
        sum(total_price) as total_price,
        sum(case when is_deleted then 1 else 0 end) as deleted_orders
    from {{ ref('fct_orders') }}
),

checks as (
    select
        'raw base + created <> current state rows' as failed_check,
        raw_base.row_count + raw_created.row_count as expected,
        current_state.row_count as actual
    from raw_base
    cross join raw_created
    cross join current_state
    where raw_base.row_count + raw_created.row_count <> current_state.row_count

    union all

    select
        'current state rows <> fct_orders rows' as failed_check,
        current_state.row_count as expected,
        mart.row_count as actual
    from current_state
    cross join mart
    where current_state.row_count <> mart.row_count

    union all

    select
        'total_price differs' as failed_check,
        current_state.total_price as expected,
        mart.total_price as actual
    from current_state
    cross join mart
    where current_state.total_price <> mart.total_price

    union all

    select
        'deleted orders differ' as failed_check,
        current_state.deleted_orders as expected,
        mart.deleted_orders as actual
    from current_state
    cross join mart
    where current_state.deleted_orders <> mart.deleted_orders
)

select * from checks
