{{
    config(
        materialized='incremental',
        incremental_strategy='merge',
        unique_key=['order_id', 'line_number'],
        on_schema_change='append_new_columns',
        meta={'test_window': {'loaded': 'last_load_date'}}
    )
}}

with

line_items as (
    select * from {{ ref('int_line_items_current') }}
),

orders as (
    select * from {{ ref('int_orders_current') }}
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

offers as (
    select
        part_id,
        supplier_id,
        supply_cost,
        valid_from,
        valid_to
    from {{ ref('fct_part_supplier') }}
),

changed_lines as (
    -- Full build: every line. Incremental: lines (or their order header) whose latest
    -- change arrived within the lookback window.
    select line_items.*
    from line_items
    {%- if is_incremental() %}
        where
            line_items.last_load_date >= {{ incremental_cutoff() }}
            or line_items.order_id in (
                select orders.order_id
                from orders
                where orders.last_load_date >= {{ incremental_cutoff() }}
            )
    {%- endif %}
),

order_lines as (
    select
        changed_lines.order_id,
        changed_lines.line_number,
        -- Type 2 dimensions: the version valid at the order date (as-of join); the
        -- unknown member (-1) when none is.
        coalesce(customers.customer_key, -1) as customer_key,
        coalesce(parts.part_key, -1) as part_key,
        coalesce(suppliers.supplier_key, -1) as supplier_key,
        {{ date_key('orders.order_date') }} as order_date_key,
        {{ date_key('changed_lines.ship_date') }} as ship_date_key,
        {{ date_key('changed_lines.commit_date') }} as commit_date_key,
        {{ date_key('changed_lines.receipt_date') }} as receipt_date_key,
        changed_lines.quantity,
        changed_lines.extended_price,
        changed_lines.discount_rate,
        changed_lines.tax_rate,
        cast(
            changed_lines.extended_price * (1 - changed_lines.discount_rate)
            as decimal(18, 4)
        ) as net_amount,
        cast(
            changed_lines.extended_price
            * (1 - changed_lines.discount_rate)
            * (1 + changed_lines.tax_rate)
            as decimal(18, 6)
        ) as gross_amount,
        cast(
            changed_lines.extended_price * changed_lines.discount_rate
            as decimal(18, 4)
        ) as discount_amount,
        changed_lines.return_flag,
        changed_lines.line_status,
        changed_lines.ship_mode,
        changed_lines.ship_instruction,
        changed_lines.is_deleted,
        changed_lines.deleted_at,
        case
            when orders.last_load_date > changed_lines.last_load_date then orders.last_load_date
            else coalesce(changed_lines.last_load_date, orders.last_load_date)
        end as last_load_date,
        -- What the line cost the seller: the offer's supply cost valid at the order date
        -- (TPC-H Q9's ps_supplycost x l_quantity). Every line orders from an offer.
        offers.supply_cost,
        cast(offers.supply_cost * changed_lines.quantity as decimal(18, 4)) as supply_cost_amount
    from changed_lines
    left join orders
        on changed_lines.order_id = orders.order_id
    left join customers
        on
            orders.customer_id = customers.customer_id
            and cast(orders.order_date as {{ dbt.type_timestamp() }}) >= customers.valid_from
            and cast(orders.order_date as {{ dbt.type_timestamp() }}) < customers.valid_to
    left join parts
        on
            changed_lines.part_id = parts.part_id
            and cast(orders.order_date as {{ dbt.type_timestamp() }}) >= parts.valid_from
            and cast(orders.order_date as {{ dbt.type_timestamp() }}) < parts.valid_to
    left join suppliers
        on
            changed_lines.supplier_id = suppliers.supplier_id
            and cast(orders.order_date as {{ dbt.type_timestamp() }}) >= suppliers.valid_from
            and cast(orders.order_date as {{ dbt.type_timestamp() }}) < suppliers.valid_to
    left join offers
        on
            changed_lines.part_id = offers.part_id
            and changed_lines.supplier_id = offers.supplier_id
            and cast(orders.order_date as {{ dbt.type_timestamp() }}) >= offers.valid_from
            and cast(orders.order_date as {{ dbt.type_timestamp() }}) < offers.valid_to
),

with_loaded_at as (
    -- Columns in the contract's order (dbt selects them so): supply_cost and
    -- supply_cost_amount come last, where a table built before they existed gets them
    -- (append_new_columns).
    select
        order_lines.*,
        {{ raw_zone_loaded_at('order_lines.last_load_date') }} as loaded_at
    from order_lines
)

select * from with_loaded_at
