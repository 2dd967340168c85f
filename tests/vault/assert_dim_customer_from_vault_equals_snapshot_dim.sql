-- The type 2 customer dimension derived from the Data Vault (hub + satellites + PIT) holds
-- exactly the versions, validity ranges and attributes of the snapshot-based dim_customer.
-- Returns every row present on one side only (or more often on one side), labelled.
{%- set columns = [
    'customer_key', 'customer_durable_key', 'customer_id', 'customer_name', 'address', 'phone',
    'account_balance', 'market_segment', 'market_segment_name', 'nation_name', 'nation_iso_code',
    'region_name', 'customer_comment', 'valid_from', 'valid_to', 'is_current', 'is_deleted'
] %}

with

from_snapshots as (
    select {{ columns | join(', ') }} from {{ ref('dim_customer') }}
),

from_vault as (
    select {{ columns | join(', ') }} from {{ ref('dim_customer_from_vault') }}
),

only_in_snapshots as (
    select * from from_snapshots
    except all
    select * from from_vault
),

only_in_vault as (
    select * from from_vault
    except all
    select * from from_snapshots
)

select
    'only in dim_customer' as side,
    {{ columns | join(', ') }}
from only_in_snapshots
union all
select
    'only in dim_customer_from_vault' as side,
    {{ columns | join(', ') }}
from only_in_vault
