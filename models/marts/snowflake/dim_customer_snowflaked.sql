-- The star's dim_customer with its geography normalised: nation and region become nation_key
-- into the dim_nation outrigger (-> dim_region). Built from dim_customer, so both schemas share
-- one definition of a customer version and of the unknown member (whose nation_key is -1).
-- The nation is matched on its natural key nation_iso_code; a version without a known nation
-- (nation_iso_code null in the star) gets -1.
with

customers as (
    select * from {{ ref('dim_customer') }}
),

nations as (
    select
        nation_key,
        nation_iso_code
    from {{ ref('dim_nation') }}
    where nation_key != -1
),

normalised as (
    select
        customers.customer_key,
        customers.customer_durable_key,
        customers.customer_id,
        customers.customer_name,
        customers.address,
        customers.phone,
        customers.account_balance,
        customers.market_segment,
        coalesce(nations.nation_key, -1) as nation_key,
        customers.valid_from,
        customers.valid_to,
        customers.is_current,
        customers.is_deleted
    from customers
    left join nations
        on customers.nation_iso_code = nations.nation_iso_code
)

select * from normalised
