{{ config(materialized='table') }}

{#- One row per landed partition of every raw feed: when it landed and how many rows it
    holds. The base extract's tables and the CDC tables each contribute one row per
    load_date; CDC partitions after var('cdc_through_load_date') are left out, so a
    replayed day sees the raw zone as it was that day. -#}

{%- set feeds = [
    ('tpch', 'region', 'stg_tpch__regions'),
    ('tpch', 'nation', 'stg_tpch__nations'),
    ('tpch', 'supplier', 'stg_tpch__suppliers'),
    ('tpch', 'customer', 'stg_tpch__customers'),
    ('tpch', 'part', 'stg_tpch__parts'),
    ('tpch', 'partsupp', 'stg_tpch__part_suppliers'),
    ('tpch', 'orders', 'stg_tpch__orders'),
    ('tpch', 'lineitem', 'stg_tpch__line_items'),
] -%}
{%- for feed, model in cdc_event_models() %}
    {%- do feeds.append(('cdc', feed, model)) %}
{%- endfor %}

with

{% for source_system, feed, model in feeds %}
    {{ source_system }}_{{ feed }} as (
        select
            '{{ source_system }}' as source_system,
            '{{ source_system }}.{{ feed }}' as feed,
            load_date,
            max(loaded_at) as loaded_at,
            count(*) as row_count
        from {{ ref(model) }}
        {%- if source_system == 'cdc' %}
            where {{ cdc_within_cutoff() }}
        {%- endif %}
        group by load_date
    ),

{% endfor -%}

landings as (
    {%- for source_system, feed, model in feeds %}
        select * from {{ source_system }}_{{ feed }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
)

select * from landings
