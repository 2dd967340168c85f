{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key=['customer_hk', 'snapshot_date']
    )
}}

{{ vault_pit(
    hash_key='customer_hk',
    hub='hub_customer',
    satellites=['sat_customer_details', 'sat_customer_status']
) }}
