-- Every customer, part and supplier of the current state has exactly one current version
-- in its type 2 dimension, with the same money totals (to the cent); and the current state
-- holds every key of the raw base extract (deletes are soft). Returns each failing check.
with

raw_base as (
    select
        'customer' as entity,
        count(*) as raw_rows
    from {{ source('tpch', 'customer') }}
    union all
    select
        'part' as entity,
        count(*) as raw_rows
    from {{ source('tpch', 'part') }}
    union all
    select
        'supplier' as entity,
        count(*) as raw_rows
    from {{ source('tpch', 'supplier') }}
),

current_state as (
    select
        'customer' as entity,
        count(*) as state_rows,
        sum(account_balance) as state_amount
    from {{ ref('int_customers_current') }}
    union all
    select
        'part' as entity,
        count(*) as state_rows,
        sum(retail_price) as state_amount
    from {{ ref('int_parts_current') }}
    union all
    select
        'supplier' as entity,
        count(*) as state_rows,
        sum(account_balance) as state_amount
    from {{ ref('int_suppliers_current') }}
),

current_versions as (
    select
        'customer' as entity,
        count(*) as dim_rows,
        sum(account_balance) as dim_amount
    from {{ ref('dim_customer') }}
    where is_current and customer_key <> -1
    union all
    select
        'part' as entity,
        count(*) as dim_rows,
        sum(retail_price) as dim_amount
    from {{ ref('dim_part') }}
    where is_current and part_key <> -1
    union all
    select
        'supplier' as entity,
        count(*) as dim_rows,
        sum(account_balance) as dim_amount
    from {{ ref('dim_supplier') }}
    where is_current and supplier_key <> -1
)

select
    raw_base.entity,
    raw_base.raw_rows,
    current_state.state_rows,
    current_versions.dim_rows,
    current_state.state_amount,
    current_versions.dim_amount
from raw_base
left join current_state
    on raw_base.entity = current_state.entity
left join current_versions
    on raw_base.entity = current_versions.entity
where
    current_state.state_rows < raw_base.raw_rows
    or current_versions.dim_rows is null
    or current_versions.dim_rows <> current_state.state_rows
    or current_versions.dim_amount <> current_state.state_amount
