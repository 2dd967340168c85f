-- Version 1 of dim_customer_current (deprecated): every column of the SCD type 1 / type 3
-- customer rows, contact data included.
with

current_customers as (
    select * from {{ ref('int_customers_type_1_with_type_3') }}
),

with_contact_data as (
    select
        customer_durable_key,
        customer_id,
        current_customer_key,
        customer_name,
        address,
        phone,
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

select * from with_contact_data
