-- Net revenue by supplier region and nation and by part type: the star schema
-- (dim_supplier, dim_part) and the snowflake schema (dim_supplier_snowflaked -> dim_nation
-- -> dim_region, dim_part_snowflaked -> dim_part_type) agree to the cent.
with

star_answer as (
    select
        suppliers.region_name,
        suppliers.nation_name,
        parts.part_type,
        sum(order_lines.net_amount) as net_revenue,
        count(*) as line_count
    from {{ ref('fct_order_lines') }} as order_lines
    inner join {{ ref('dim_supplier') }} as suppliers
        on order_lines.supplier_key = suppliers.supplier_key
    inner join {{ ref('dim_part') }} as parts
        on order_lines.part_key = parts.part_key
    where not order_lines.is_deleted
    group by suppliers.region_name, suppliers.nation_name, parts.part_type
),

snowflake_answer as (
    select
        regions.region_name,
        nations.nation_name,
        part_types.part_type,
        sum(order_lines.net_amount) as net_revenue,
        count(*) as line_count
    from {{ ref('fct_order_lines') }} as order_lines
    inner join {{ ref('dim_supplier_snowflaked') }} as suppliers
        on order_lines.supplier_key = suppliers.supplier_key
    inner join {{ ref('dim_nation') }} as nations
        on suppliers.nation_key = nations.nation_key
    inner join {{ ref('dim_region') }} as regions
        on nations.region_key = regions.region_key
    inner join {{ ref('dim_part_snowflaked') }} as parts
        on order_lines.part_key = parts.part_key
    inner join {{ ref('dim_part_type') }} as part_types
        on parts.part_type_key = part_types.part_type_key
    where not order_lines.is_deleted
    group by regions.region_name, nations.nation_name, part_types.part_type
),

{{ compare_answers('star_answer', 'snowflake_answer') }}
