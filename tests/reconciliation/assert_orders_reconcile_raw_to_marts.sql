-- Row count and order totals agree from the raw zone through staging to fct_orders.
-- Returns one row per layer that differs from raw.
with

raw_totals as (
    select
        count(*) as row_count,
        sum(o_totalprice) as total_price,
        count(distinct o_custkey) as customers
    from {{ source('tpch', 'orders') }}
),

staging_totals as (
    select
        'staging' as layer,
        count(*) as row_count,
        sum(total_price) as total_price,
        count(distinct customer_id) as customers
    from {{ ref('stg_tpch__orders') }}
),

mart_totals as (
    select
        'fct_orders' as layer,
        count(*) as row_count,
        sum(total_price) as total_price,
        count(distinct customer_key) as customers
    from {{ ref('fct_orders') }}
),

layers as (
    select * from staging_totals
    union all
    select * from mart_totals
)

select layers.*
from layers
cross join raw_totals
where
    layers.row_count <> raw_totals.row_count
    or layers.total_price <> raw_totals.total_price
    or layers.customers <> raw_totals.customers
