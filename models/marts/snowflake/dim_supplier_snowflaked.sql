-- The star's dim_supplier with its geography normalised: nation and region become nation_key
-- into the dim_nation outrigger (-> dim_region). Built from dim_supplier, so both schemas share
-- one definition of a supplier version and of the unknown member (whose nation_key is -1).
-- The nation is matched on its natural key nation_iso_code; a version without a known nation
-- (nation_iso_code null in the star) gets -1.
with

suppliers as (
    select * from {{ ref('dim_supplier') }}
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
        suppliers.supplier_key,
        suppliers.supplier_durable_key,
        suppliers.supplier_id,
        suppliers.supplier_name,
        suppliers.address,
        suppliers.phone,
        suppliers.account_balance,
        coalesce(nations.nation_key, -1) as nation_key,
        suppliers.valid_from,
        suppliers.valid_to,
        suppliers.is_current,
        suppliers.is_deleted
    from suppliers
    left join nations
        on suppliers.nation_iso_code = nations.nation_iso_code
)

select * from normalised
