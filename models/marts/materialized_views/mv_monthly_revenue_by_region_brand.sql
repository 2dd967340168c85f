{{
    config(
        materialized='materialized_view',
        refresh_key='order_month_key',
        refresh_source='fct_order_lines',
        refresh_source_key='cast(floor(order_date_key / 100.0) as ' ~ dbt.type_bigint() ~ ')'
    )
}}

{{ mv_monthly_revenue_by_region_brand_query() }}
