with

loaded_cdc_dates as (
    select cdc_load_date from {{ ref('sat_customer_details') }}
    union all
    select cdc_load_date from {{ ref('sat_customer_status') }}
    union all
    select cdc_load_date from {{ ref('sat_part_details') }}
    union all
    select cdc_load_date from {{ ref('sat_part_status') }}
    union all
    select cdc_load_date from {{ ref('sat_order_details') }}
    union all
    select cdc_load_date from {{ ref('sat_order_line_effectivity') }}
),

bounds as (
    select
        cast('{{ var("tpch_last_order_date") }}' as date) as base_snapshot_date,
        coalesce(
            max(cdc_load_date), cast('{{ var("tpch_last_order_date") }}' as date)
        ) as last_snapshot_date
    from loaded_cdc_dates
),

spine as (
    {{ day_spine(
        '(select bounds.base_snapshot_date from bounds)',
        '(select bounds.last_snapshot_date from bounds)'
    ) }}
),

snapshot_dates as (
    select
        spine.date_day as snapshot_date,
        cast({{ dbt.dateadd('day', 1, 'spine.date_day') }} as {{ dbt.type_timestamp() }}) as snapshot_end_at,
        spine.date_day = bounds.base_snapshot_date as is_base_snapshot,
        spine.date_day = bounds.last_snapshot_date as is_latest
    from spine
    cross join bounds
)

select * from snapshot_dates
