{{
    config(
        materialized='materialized_view',
        refresh_key='customer_id',
        refresh_source='fct_orders',
        refresh_source_key='customer_key',
        refresh_key_map={'model': 'dim_customer', 'source_column': 'customer_key', 'key_column': 'customer_id'}
    )
}}

{{ mv_customer_lifetime_value_query() }}
