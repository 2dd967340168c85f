-- Net revenue by manufacturer, brand and order month: the star schema (dim_part) and the
-- snowflake schema (dim_part_snowflaked -> dim_brand -> dim_manufacturer) agree to the cent.
with

star_answer as (
    select
        parts.manufacturer,
        parts.brand,
        dates.year,
        dates.month,
        sum(order_lines.net_amount) as net_revenue,
        count(*) as line_count
    from {{ ref('fct_order_lines') }} as order_lines
    inner join {{ ref('dim_part') }} as parts
        on order_lines.part_key = parts.part_key
    inner join {{ ref('dim_date') }} as dates
        on order_lines.order_date_key = dates.date_key
    where not order_lines.is_deleted
    group by parts.manufacturer, parts.brand, dates.year, dates.month
),

snowflake_answer as (
    select
        manufacturers.manufacturer,
        brands.brand,
        dates.year,
        dates.month,
        sum(order_lines.net_amount) as net_revenue,
        count(*) as line_count
    from {{ ref('fct_order_lines') }} as order_lines
    inner join {{ ref('dim_part_snowflaked') }} as parts
        on order_lines.part_key = parts.part_key
    inner join {{ ref('dim_brand') }} as brands
        on parts.brand_key = brands.brand_key
    inner join {{ ref('dim_manufacturer') }} as manufacturers
        on brands.manufacturer_key = manufacturers.manufacturer_key
    inner join {{ ref('dim_date') }} as dates
        on order_lines.order_date_key = dates.date_key
    where not order_lines.is_deleted
    group by manufacturers.manufacturer, brands.brand, dates.year, dates.month
),

{{ compare_answers('star_answer', 'snowflake_answer') }}
