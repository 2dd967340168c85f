-- Order lines reconcile, row count and money to the cent (exact decimals): raw base
-- extract + lines created by accepted CDC events = current state = fct_order_lines = the
-- roll-up in fct_orders. (Lines are only ever created or soft-deleted, never updated, so
-- the expected totals follow from raw.) Returns one row per layer that differs.
with

raw_base as (
    select
        count(*) as row_count,
        sum(l_quantity) as quantity,
        sum(l_extendedprice) as extended_price,
        sum(l_extendedprice * (1 - l_discount)) as net_amount,
        sum(l_extendedprice * (1 - l_discount) * (1 + l_tax)) as gross_amount
    from {{ source('tpch', 'lineitem') }}
),

created_events as (
    select distinct
        order_id,
        line_number,
        quantity,
        extended_price,
        discount_rate,
        tax_rate
    from {{ ref('stg_cdc__line_item_events') }}
    where
        quarantine_reason is null
        and operation = 'c'
        and {{ cdc_within_cutoff() }}
),

raw_created as (
    select
        count(*) as row_count,
        coalesce(sum(quantity), 0) as quantity,
        coalesce(sum(extended_price), 0) as extended_price,
        coalesce(sum(extended_price * (1 - discount_rate)), 0) as net_amount,
        coalesce(sum(extended_price * (1 - discount_rate) * (1 + tax_rate)), 0) as gross_amount
    from created_events
),

expected as (
    select
        raw_base.row_count + raw_created.row_count as row_count,
        raw_base.quantity + raw_created.quantity as quantity,
        raw_base.extended_price + raw_created.extended_price as extended_price,
        raw_base.net_amount + raw_created.net_amount as net_amount,
        raw_base.gross_amount + raw_created.gross_amount as gross_amount
    from raw_base
    cross join raw_created
),

current_state_totals as (
    select
        'int_line_items_current' as layer,
        count(*) as row_count,
        sum(quantity) as quantity,
        sum(extended_price) as extended_price,
        sum(extended_price * (1 - discount_rate)) as net_amount,
        sum(extended_price * (1 - discount_rate) * (1 + tax_rate)) as gross_amount
    from {{ ref('int_line_items_current') }}
),

mart_totals as (
    select
        'fct_order_lines' as layer,
        count(*) as row_count,
        sum(quantity) as quantity,
        sum(extended_price) as extended_price,
        sum(net_amount) as net_amount,
        sum(gross_amount) as gross_amount
    from {{ ref('fct_order_lines') }}
),

order_rollup_totals as (
    select
        'fct_orders (rolled up lines)' as layer,
        sum(line_count) as row_count,
        sum(total_quantity) as quantity,
        sum(extended_price) as extended_price,
        sum(net_amount) as net_amount,
        sum(gross_amount) as gross_amount
    from {{ ref('fct_orders') }}
),

layers as (
    select * from current_state_totals
    union all
    select * from mart_totals
    union all
    select * from order_rollup_totals
)

select
    layers.*,
    expected.row_count as expected_row_count,
    expected.net_amount as expected_net_amount
from layers
cross join expected
where
    layers.row_count <> expected.row_count
    or layers.quantity <> expected.quantity
    or layers.extended_price <> expected.extended_price
    or layers.net_amount <> expected.net_amount
    or layers.gross_amount <> expected.gross_amount
