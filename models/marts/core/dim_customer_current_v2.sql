-- Version 2 of dim_customer_current: the same customers without the contact data
-- (address, phone), which is personal data few consumers need. Breaking for consumers
-- that read those columns, so it ships as a new model version beside v1 (deprecated).
-- Both versions select from the same intermediate model, so neither depends on the other
-- and v2 outlives v1's retirement.
with

current_customers as (
    select * from {{ ref('int_customers_type_1_with_type_3') }}
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
    from current_customers
)

select * from without_contact_data
