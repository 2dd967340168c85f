{% macro fct_order_lines_rows(lines, orders, landings=none) -%}
    {#- The rows of fct_order_lines for the lines in relation (or CTE) `lines` (columns of
        int_line_items_current), with their order headers from `orders` (columns of
        int_orders_current): the as-of joins to the type 2 dimensions and the offers, the
        measures, loaded_at from `landings` (raw_zone_loaded_at). One definition for the
        batch fact and the speed layer's fct_order_lines_live. -#}
-- loaded_at after the measures: with supply_cost and supply_cost_amount, in the contract's
-- order (a table built before they existed gets them appended: append_new_columns).
select
    order_lines.*,
    {{ raw_zone_loaded_at('order_lines.last_load_date', landings) }} as loaded_at
from (
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
    from {{ lines }} as changed_lines
    left join {{ orders }} as orders
        on changed_lines.order_id = orders.order_id
    left join {{ ref('dim_customer') }} as customers
        on
            orders.customer_id = customers.customer_id
            and cast(orders.order_date as {{ dbt.type_timestamp() }}) >= customers.valid_from
            and cast(orders.order_date as {{ dbt.type_timestamp() }}) < customers.valid_to
    left join {{ ref('dim_part') }} as parts
        on
            changed_lines.part_id = parts.part_id
            and cast(orders.order_date as {{ dbt.type_timestamp() }}) >= parts.valid_from
            and cast(orders.order_date as {{ dbt.type_timestamp() }}) < parts.valid_to
    left join {{ ref('dim_supplier') }} as suppliers
        on
            changed_lines.supplier_id = suppliers.supplier_id
            and cast(orders.order_date as {{ dbt.type_timestamp() }}) >= suppliers.valid_from
            and cast(orders.order_date as {{ dbt.type_timestamp() }}) < suppliers.valid_to
    left join {{ ref('fct_part_supplier') }} as offers
        on
            changed_lines.part_id = offers.part_id
            and changed_lines.supplier_id = offers.supplier_id
            and cast(orders.order_date as {{ dbt.type_timestamp() }}) >= offers.valid_from
            and cast(orders.order_date as {{ dbt.type_timestamp() }}) < offers.valid_to
) as order_lines
{%- endmacro %}
