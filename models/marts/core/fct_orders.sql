with

orders as (
    select * from {{ ref('stg_tpch__orders') }}
),

order_lines as (
    select * from {{ ref('fct_order_lines') }}
),

customers as (
    select * from {{ ref('dim_customer') }}
),

order_statuses as (
    select * from {{ ref('tpch_order_statuses') }}
),

order_priorities as (
    select * from {{ ref('tpch_order_priorities') }}
),

line_totals as (
    -- Rolled up from the already-built line fact (a DuckDB table) rather than from the
    -- raw Parquet: one scan of lineitem per build, and totals equal to the lines' by
    -- construction.
    select
        order_id,
        count(*) as line_count,
        sum(quantity) as total_quantity,
        sum(extended_price) as extended_price,
        sum(net_amount) as net_amount,
        sum(gross_amount) as gross_amount
    from order_lines
    group by order_id
),

orders_enriched as (
    select
        orders.order_id,
        coalesce(customers.customer_key, -1) as customer_key,
        {{ date_key('orders.order_date') }} as order_date_key,
        orders.order_status,
        order_statuses.order_status_description,
        orders.order_priority,
        order_priorities.priority_rank as order_priority_rank,
        orders.clerk,
        orders.ship_priority,
        orders.total_price,
        coalesce(line_totals.line_count, 0) as line_count,
        cast(coalesce(line_totals.total_quantity, 0) as decimal(18, 2)) as total_quantity,
        cast(coalesce(line_totals.extended_price, 0) as decimal(18, 2)) as extended_price,
        cast(coalesce(line_totals.net_amount, 0) as decimal(18, 4)) as net_amount,
        cast(coalesce(line_totals.gross_amount, 0) as decimal(18, 6)) as gross_amount
    from orders
    left join line_totals
        on orders.order_id = line_totals.order_id
    left join customers
        on orders.customer_id = customers.customer_id
    left join order_statuses
        on orders.order_status = order_statuses.order_status
    left join order_priorities
        on orders.order_priority = order_priorities.order_priority
)

select * from orders_enriched
