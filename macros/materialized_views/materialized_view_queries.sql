{% macro mv_daily_revenue_query() -%}
    {#- The query of materialized view mv_daily_revenue: the model renders it, and its
        recomputation test compares the maintained table with it, computed from scratch. -#}
    with

    orders as (
        select * from {{ ref('fct_orders') }}
        where not is_deleted
    ),

    customers as (
        select
            customer_key,
            customer_durable_key
        from {{ ref('dim_customer') }}
    ),

    dates as (
        select
            date_key,
            full_date
        from {{ ref('dim_date') }}
    ),

    daily_revenue as (
        select
            orders.order_date_key,
            dates.full_date as order_date,
            sum(orders.net_amount) as net_revenue,
            count(*) as order_count,
            count(distinct customers.customer_durable_key) as customer_count,
            max(orders.loaded_at) as loaded_at
        from orders
        inner join dates
            on orders.order_date_key = dates.date_key
        inner join customers
            on orders.customer_key = customers.customer_key
        group by orders.order_date_key, dates.full_date
    )

    select * from daily_revenue
{%- endmacro %}


{% macro mv_monthly_revenue_by_region_brand_query() -%}
    {#- The query of materialized view mv_monthly_revenue_by_region_brand: the model renders it, and its
        recomputation test compares the maintained table with it, computed from scratch. -#}
    with

    order_lines as (
        select * from {{ ref('fct_order_lines') }}
        where not is_deleted
    ),

    customers as (
        select
            customer_key,
            region_name
        from {{ ref('dim_customer') }}
    ),

    parts as (
        select
            part_key,
            manufacturer,
            brand
        from {{ ref('dim_part') }}
    ),

    dates as (
        select
            date_key,
            year,
            month
        from {{ ref('dim_date') }}
    ),

    monthly_revenue as (
        select
            cast(floor(order_lines.order_date_key / 100.0) as {{ dbt.type_bigint() }}) as order_month_key,
            dates.year as order_year,
            dates.month as order_month,
            customers.region_name,
            parts.manufacturer,
            parts.brand,
            sum(order_lines.net_amount) as net_revenue,
            sum(order_lines.gross_amount) as gross_revenue,
            sum(order_lines.quantity) as quantity,
            count(*) as line_count,
            max(order_lines.loaded_at) as loaded_at
        from order_lines
        inner join dates
            on order_lines.order_date_key = dates.date_key
        inner join customers
            on order_lines.customer_key = customers.customer_key
        inner join parts
            on order_lines.part_key = parts.part_key
        group by
            cast(floor(order_lines.order_date_key / 100.0) as {{ dbt.type_bigint() }}),
            dates.year,
            dates.month,
            customers.region_name,
            parts.manufacturer,
            parts.brand
    )

    select * from monthly_revenue
{%- endmacro %}


{% macro mv_customer_lifetime_value_query() -%}
    {#- The query of materialized view mv_customer_lifetime_value: the model renders it, and its
        recomputation test compares the maintained table with it, computed from scratch. -#}
    with

    orders as (
        select * from {{ ref('fct_orders') }}
        where not is_deleted
    ),

    customers as (
        select
            customer_key,
            customer_id,
            customer_durable_key
        from {{ ref('dim_customer') }}
    ),

    dates as (
        select
            date_key,
            full_date
        from {{ ref('dim_date') }}
    ),

    lifetime_value as (
        select
            customers.customer_id,
            customers.customer_durable_key,
            count(*) as order_count,
            sum(orders.net_amount) as lifetime_net_revenue,
            min(dates.full_date) as first_order_date,
            max(dates.full_date) as last_order_date,
            max(orders.loaded_at) as loaded_at
        from orders
        inner join customers
            on orders.customer_key = customers.customer_key
        inner join dates
            on orders.order_date_key = dates.date_key
        group by customers.customer_id, customers.customer_durable_key
    )

    select * from lifetime_value
{%- endmacro %}


{% macro mv_supplier_performance_query() -%}
    {#- The query of materialized view mv_supplier_performance: the model renders it, and its
        recomputation test compares the maintained table with it, computed from scratch. -#}
    with

    order_lines as (
        select * from {{ ref('fct_order_lines') }}
        where not is_deleted
    ),

    suppliers as (
        select
            supplier_key,
            supplier_id
        from {{ ref('dim_supplier') }}
    ),

    supplier_months as (
        select
            suppliers.supplier_id,
            cast(floor(order_lines.ship_date_key / 100.0) as {{ dbt.type_bigint() }}) as ship_month_key,
            count(*) as lines_shipped,
            sum(case when order_lines.receipt_date_key > order_lines.commit_date_key then 1 else 0 end)
                as late_receipt_lines,
            sum(order_lines.net_amount) as net_revenue,
            max(order_lines.loaded_at) as loaded_at
        from order_lines
        inner join suppliers
            on order_lines.supplier_key = suppliers.supplier_key
        group by
            suppliers.supplier_id,
            cast(floor(order_lines.ship_date_key / 100.0) as {{ dbt.type_bigint() }})
    ),

    with_shares as (
        select
            supplier_id,
            ship_month_key,
            lines_shipped,
            late_receipt_lines,
            cast(late_receipt_lines as decimal(9, 6)) / lines_shipped as late_receipt_share,
            net_revenue,
            loaded_at
        from supplier_months
    )

    select * from with_shares
{%- endmacro %}
