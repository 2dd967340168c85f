{{
    config(
        materialized='materialized_view',
        refresh_key='order_month_key',
        refresh_source='fct_order_lines',
        refresh_source_key='cast(floor(order_date_key / 100.0) as ' ~ dbt.type_bigint() ~ ')'
    )
}}

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
