-- Version 2 of dim_customer_current: the same customers without the contact data
-- (address, phone), which is personal data few consumers need. Breaking for consumers
-- that read those columns, so it ships as a new model version beside v1 (deprecated).
with

customers_v1 as (
    select * from {{ ref('dim_customer_current', v=1) }}
),

without_contact_data as (
    select
        customer_durable_key,
        customer_id,
        current_customer_key,
        customer_name,
        account_balance,
        market_segment,
        market_segment_name,
        previous_market_segment,
        market_segment_changed_at,
        nation_name,
        nation_iso_code,
        region_name,
        is_deleted,
        last_changed_at,
        loaded_at
    from customers_v1
)

select * from without_contact_data
