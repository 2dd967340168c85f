-- The star's dim_part with its hierarchy normalised: brand (-> manufacturer) and part type
-- become keys to their outriggers. Built from dim_part, so both schemas share one definition
-- of a part version and of the unknown member (whose outrigger keys are -1).
with

parts as (
    select * from {{ ref('dim_part') }}
),

normalised as (
    select
        part_key,
        part_durable_key,
        part_id,
        part_name,
        case
            when part_key = -1 then -1
            else {{ integer_surrogate_key(['brand']) }}
        end as brand_key,
        case
            when part_key = -1 then -1
            else {{ integer_surrogate_key(['part_type']) }}
        end as part_type_key,
        size,
        container,
        retail_price,
        valid_from,
        valid_to,
        is_current,
        is_deleted
    from parts
)

select * from normalised
