{{ config(meta={'test_window': {'loaded': 'last_load_date'}}) }}

{#- Speed layer (Lambda; Kappa in logic): fct_order_lines as the batch built it, with the lines
    the CDC events delivered since that build (batch_built_through) touch recomputed by the
    batch's own macros: the same quarantine rules, deduplication and lsn order
    (line_items_current_state, orders_current_state), the same joins and measures
    (fct_order_lines_rows). A line is touched when an event of it, or of its order header,
    was delivered after the watermark. Reads the raw zone at query time. -#}

{%- set through = batch_built_through() %}
{%- set bookkeeping = ['is_deleted', 'deleted_at', 'updated_at', 'last_lsn', 'last_load_date'] %}
{%- set order_columns = ['order_id'] + orders_state_columns() + bookkeeping %}
{%- set line_columns = ['order_id', 'line_number'] + line_items_state_columns() + bookkeeping %}

with

order_events as (
    {{ live_cdc_events(source('cdc', 'orders'), ref('stg_cdc__order_events'), order_events_staged) }}
),

line_item_events as (
    {{ live_cdc_events(
        source('cdc', 'lineitem'), ref('stg_cdc__line_item_events'), line_item_events_staged
    ) }}
),

live_orders as (
    {{ orders_current_state(changed_after=through, events='order_events') }}
),

live_lines as (
    {{ line_items_current_state(changed_after=through, events='line_item_events') }}
),

orders as (
    {{ live_overlay('live_orders', ref('int_orders_current'), order_columns, ['order_id']) }}
),

-- The lines with events of their own, and the other lines of orders whose header changed.
lines_to_rebuild as (
    {{ live_overlay(
        'live_lines', ref('int_line_items_current'), line_columns, ['order_id', 'line_number'],
        batch_filter='batch_rows.order_id in (select live_orders.order_id from live_orders)'
    ) }}
),

landings as (
    {{ live_raw_zone_landings() }}
),

rebuilt_lines as (
    {{ fct_order_lines_rows('lines_to_rebuild', 'orders', landings='landings') }}
),

live_order_lines as (
    {{ live_overlay(
        'rebuilt_lines', ref('fct_order_lines'), model.columns.keys() | list, ['order_id', 'line_number']
    ) }}
)

select * from live_order_lines
