-- Row count and money totals of order lines agree, to the cent (exact decimals), from the
-- raw zone through staging to fct_order_lines. Returns one row per layer that differs from raw.
with

raw_totals as (
    select
        'raw' as layer,
        count(*) as row_count,
        sum(l_quantity) as quantity,
        sum(l_extendedprice) as extended_price,
        sum(l_extendedprice * (1 - l_discount)) as net_amount,
        sum(l_extendedprice * (1 - l_discount) * (1 + l_tax)) as gross_amount
    from {{ source('tpch', 'lineitem') }}
),

staging_totals as (
    select
        'staging' as layer,
        count(*) as row_count,
        sum(quantity) as quantity,
        sum(extended_price) as extended_price,
        sum(extended_price * (1 - discount_rate)) as net_amount,
        sum(extended_price * (1 - discount_rate) * (1 + tax_rate)) as gross_amount
    from {{ ref('stg_tpch__line_items') }}
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
    select * from staging_totals
    union all
    select * from mart_totals
    union all
    select * from order_rollup_totals
)

select
    layers.*,
    raw_totals.row_count as raw_row_count,
    raw_totals.net_amount as raw_net_amount
from layers
cross join raw_totals
where
    layers.row_count <> raw_totals.row_count
    or layers.quantity <> raw_totals.quantity
    or layers.extended_price <> raw_totals.extended_price
    or layers.net_amount <> raw_totals.net_amount
    or layers.gross_amount <> raw_totals.gross_amount
