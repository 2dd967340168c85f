{{ config(meta={'test_window': {'loaded': 'last_load_date'}}) }}

{#- Speed layer: fct_orders as the batch built it, with the orders the CDC events delivered
    since that build touch (an event of the header or of one of its lines) recomputed by the
    batch's macro (fct_orders_rows) over the live header state and fct_order_lines_live.
    Reads the raw zone at query time. -#}

{%- set through = batch_built_through() %}
{%- set bookkeeping = ['is_deleted', 'deleted_at', 'updated_at', 'last_lsn', 'last_load_date'] %}
{%- set order_columns = ['order_id'] + orders_state_columns() + bookkeeping %}

with

order_events as (
    {{ live_cdc_events(source('cdc', 'orders'), ref('stg_cdc__order_events'), order_events_staged) }}
),

live_orders as (
    {{ orders_current_state(changed_after=through, events='order_events') }}
),

live_order_lines as (
    select * from {{ ref('fct_order_lines_live') }}
),

touched_orders as (
    select live_orders.order_id from live_orders
    union
    select live_order_lines.order_id
    from live_order_lines
    where live_order_lines.last_load_date > {{ through }}
),

-- Orders with header events, and the other orders whose lines changed.
orders_to_rebuild as (
    {{ live_overlay(
        'live_orders', ref('int_orders_current'), order_columns, ['order_id'],
        batch_filter='batch_rows.order_id in (select touched_orders.order_id from touched_orders)'
    ) }}
),

landings as (
    {{ live_raw_zone_landings() }}
),

rebuilt_orders as (
    {{ fct_orders_rows(
        'orders_to_rebuild', 'live_order_lines', only_these_orders=true, landings='landings'
    ) }}
),

live_orders_fact as (
    {{ live_overlay('rebuilt_orders', ref('fct_orders'), model.columns.keys() | list, ['order_id']) }}
)

select * from live_orders_fact
