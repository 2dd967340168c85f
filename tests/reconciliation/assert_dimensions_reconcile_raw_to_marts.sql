-- Every raw customer, part and supplier is in its dimension exactly once (dimension rows
-- = raw rows + 1 unknown member) and account balances / prices sum to the same cents.
-- Returns one row per dimension that does not reconcile.
with

raw_counts as (
    select
        'dim_customer' as dimension,
        count(*) as raw_rows,
        sum(c_acctbal) as raw_amount
    from {{ source('tpch', 'customer') }}

    union all

    select
        'dim_part' as dimension,
        count(*) as raw_rows,
        sum(p_retailprice) as raw_amount
    from {{ source('tpch', 'part') }}

    union all

    select
        'dim_supplier' as dimension,
        count(*) as raw_rows,
        sum(s_acctbal) as raw_amount
    from {{ source('tpch', 'supplier') }}
),

mart_counts as (
    select
        'dim_customer' as dimension,
        count(*) as mart_rows,
        sum(account_balance) as mart_amount
    from {{ ref('dim_customer') }}

    union all

    select
        'dim_part' as dimension,
        count(*) as mart_rows,
        sum(retail_price) as mart_amount
    from {{ ref('dim_part') }}

    union all

    select
        'dim_supplier' as dimension,
        count(*) as mart_rows,
        sum(account_balance) as mart_amount
    from {{ ref('dim_supplier') }}
)

select
    raw_counts.dimension,
    raw_counts.raw_rows,
    mart_counts.mart_rows,
    raw_counts.raw_amount,
    mart_counts.mart_amount
from raw_counts
left join mart_counts
    on raw_counts.dimension = mart_counts.dimension
where
    mart_counts.mart_rows is null
    or mart_counts.mart_rows <> raw_counts.raw_rows + 1
    or mart_counts.mart_amount <> raw_counts.raw_amount
