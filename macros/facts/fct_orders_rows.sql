{% macro fct_orders_rows(orders, order_lines, only_these_orders=false, landings=none) -%}
    {#- The rows of fct_orders for the orders in relation (or CTE) `orders` (columns of
        int_orders_current): line totals rolled up from `order_lines` (rows of
        fct_order_lines; with only_these_orders, only the lines of `orders` are read), the
        ordering customer's version valid at the order date, the status and priority seeds,
        loaded_at from `landings` (raw_zone_loaded_at). One definition for the batch fact and
        the speed layer's fct_orders_live. -#}
with

line_totals as (
    -- Rolled up from the already-built line fact rather than from the raw zone: one scan
    -- of lineitem per build, and totals equal to the lines' by construction.
    select
        order_id,
        count(*) as line_count,
        sum(quantity) as total_quantity,
        sum(extended_price) as extended_price,
        sum(net_amount) as net_amount,
        sum(gross_amount) as gross_amount,
        sum(supply_cost_amount) as supply_cost_amount
    from {{ order_lines }}
    {%- if only_these_orders %}
    where order_id in (select these_orders.order_id from {{ orders }} as these_orders)
    {%- endif %}
    group by order_id
)

select
    changed_orders.order_id,
    coalesce(customers.customer_key, -1) as customer_key,
    {{ date_key('changed_orders.order_date') }} as order_date_key,
    changed_orders.order_date,
    changed_orders.order_status,
    order_statuses.order_status_description,
    changed_orders.order_priority,
    order_priorities.priority_rank as order_priority_rank,
    changed_orders.clerk,
    changed_orders.ship_priority,
    changed_orders.total_price,
    coalesce(line_totals.line_count, 0) as line_count,
    cast(coalesce(line_totals.total_quantity, 0) as decimal(18, 2)) as total_quantity,
    cast(coalesce(line_totals.extended_price, 0) as decimal(18, 2)) as extended_price,
    cast(coalesce(line_totals.net_amount, 0) as decimal(18, 4)) as net_amount,
    cast(coalesce(line_totals.gross_amount, 0) as decimal(18, 6)) as gross_amount,
    changed_orders.is_deleted,
    changed_orders.deleted_at,
    changed_orders.last_load_date,
    {{ raw_zone_loaded_at('changed_orders.last_load_date', landings) }} as loaded_at,
    -- Last, after loaded_at: added in contract 1.1.0, where on_schema_change
    -- append_new_columns puts it in a warehouse built before.
    changed_orders.order_comment,
    -- Added in contract 1.3.0, last for the same reason.
    cast(coalesce(line_totals.supply_cost_amount, 0) as decimal(18, 4)) as supply_cost_amount
from {{ orders }} as changed_orders
left join line_totals
    on changed_orders.order_id = line_totals.order_id
left join {{ ref('dim_customer') }} as customers
    on
        changed_orders.customer_id = customers.customer_id
        and cast(changed_orders.order_date as {{ dbt.type_timestamp() }}) >= customers.valid_from
        and cast(changed_orders.order_date as {{ dbt.type_timestamp() }}) < customers.valid_to
left join {{ ref('tpch_order_statuses') }} as order_statuses
    on changed_orders.order_status = order_statuses.order_status
left join {{ ref('tpch_order_priorities') }} as order_priorities
    on changed_orders.order_priority = order_priorities.order_priority
{%- endmacro %}
