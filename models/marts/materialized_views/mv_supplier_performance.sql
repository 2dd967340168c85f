{{
    config(
        materialized='materialized_view',
        refresh_key='ship_month_key',
        refresh_source='fct_order_lines',
        refresh_source_key='cast(floor(ship_date_key / 100.0) as ' ~ dbt.type_bigint() ~ ')'
    )
}}

{{ mv_supplier_performance_query() }}
