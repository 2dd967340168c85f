{{
    config(
        materialized='materialized_view',
        refresh_key='order_date_key',
        refresh_source='fct_orders'
    )
}}

{{ mv_daily_revenue_query() }}
