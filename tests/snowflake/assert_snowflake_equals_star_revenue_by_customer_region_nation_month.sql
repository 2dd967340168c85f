-- Net revenue by customer region, nation and order month: the star schema (nation and
-- region denormalised into dim_customer) and the snowflake schema (dim_customer_snowflaked
-- -> dim_nation -> dim_region) give the same answer, to the cent.
with

star_answer as (
    select
        customers.region_name,
        customers.nation_name,
        dates.year,
        dates.month,
        sum(order_lines.net_amount) as net_revenue,
        count(*) as line_count
    from {{ ref('fct_order_lines') }} as order_lines
    inner join {{ ref('dim_customer') }} as customers
        on order_lines.customer_key = customers.customer_key
    inner join {{ ref('dim_date') }} as dates
        on order_lines.order_date_key = dates.date_key
    where not order_lines.is_deleted
    group by customers.region_name, customers.nation_name, dates.year, dates.month
),

snowflake_answer as (
    select
        regions.region_name,
        nations.nation_name,
        dates.year,
        dates.month,
        sum(order_lines.net_amount) as net_revenue,
        count(*) as line_count
    from {{ ref('fct_order_lines') }} as order_lines
    inner join {{ ref('dim_customer_snowflaked') }} as customers
        on order_lines.customer_key = customers.customer_key
    inner join {{ ref('dim_nation') }} as nations
        on customers.nation_key = nations.nation_key
    inner join {{ ref('dim_region') }} as regions
        on nations.region_key = regions.region_key
    inner join {{ ref('dim_date') }} as dates
        on order_lines.order_date_key = dates.date_key
    where not order_lines.is_deleted
    group by regions.region_name, nations.nation_name, dates.year, dates.month
),

{{ compare_answers('star_answer', 'snowflake_answer') }}
