with

line_items as (
    select * from {{ ref('stg_tpch__line_items') }}
),

orders as (
    select * from {{ ref('stg_tpch__orders') }}
),

customers as (
    select * from {{ ref('dim_customer') }}
),

parts as (
    select * from {{ ref('dim_part') }}
),

suppliers as (
    select * from {{ ref('dim_supplier') }}
),

order_lines as (
    select
        line_items.order_id,
        line_items.line_number,
        -- Unknown member (-1) instead of a NULL key when a business key has no dimension row.
        coalesce(customers.customer_key, -1) as customer_key,
        coalesce(parts.part_key, -1) as part_key,
        coalesce(suppliers.supplier_key, -1) as supplier_key,
        {{ date_key('orders.order_date') }} as order_date_key,
        {{ date_key('line_items.ship_date') }} as ship_date_key,
        {{ date_key('line_items.commit_date') }} as commit_date_key,
        {{ date_key('line_items.receipt_date') }} as receipt_date_key,
        line_items.quantity,
        line_items.extended_price,
        line_items.discount_rate,
        line_items.tax_rate,
        cast(
            line_items.extended_price * (1 - line_items.discount_rate)
            as decimal(18, 4)
        ) as net_amount,
        cast(
            line_items.extended_price
            * (1 - line_items.discount_rate)
            * (1 + line_items.tax_rate)
            as decimal(18, 6)
        ) as gross_amount,
        cast(
            line_items.extended_price * line_items.discount_rate
            as decimal(18, 4)
        ) as discount_amount,
        line_items.return_flag,
        line_items.line_status,
        line_items.ship_mode,
        line_items.ship_instruction
    from line_items
    left join orders
        on line_items.order_id = orders.order_id
    left join customers
        on orders.customer_id = customers.customer_id
    left join parts
        on line_items.part_id = parts.part_id
    left join suppliers
        on line_items.supplier_id = suppliers.supplier_id
)

select * from order_lines
