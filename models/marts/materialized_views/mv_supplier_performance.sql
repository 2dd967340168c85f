{{
    config(
        materialized='materialized_view',
        refresh_key='ship_month_key',
        refresh_source='fct_order_lines',
        refresh_source_key='cast(floor(ship_date_key / 100.0) as ' ~ dbt.type_bigint() ~ ')'
    )
}}

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
        -- HUGEINT and DOUBLE: the contract's types (DuckDB's sum of integers and quotient),
        -- spelled out so every engine returns them (domains on PostgreSQL, macro
        -- create_portable_functions; DECIMAL(38, 0) on Spark, macro spark__cast).
        {{ dbt.cast(
            'sum(case when order_lines.receipt_date_key > order_lines.commit_date_key then 1 else 0 end)',
            'hugeint'
        ) }} as late_receipt_lines,
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
        cast(cast(late_receipt_lines as decimal(9, 6)) / lines_shipped as double) as late_receipt_share,
        net_revenue,
        loaded_at
    from supplier_months
)

select * from with_shares
