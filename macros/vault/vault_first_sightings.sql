{% macro vault_first_sightings(hash_key, columns, sources, required_columns) -%}
    {#- Shared body of hubs and links: selects columns (the hash key first) from hashed
        staging views. The first sighting of a hash key wins: earliest CDC file (base
        extract first), then the order of sources. In an incremental run only CDC rows in
        the window are read (the base extract is not), and only keys not yet in the table
        are inserted. -#}
    {%- set ctes = [] %}
with
{% for source in sources %}
    {%- set cte = 'sightings_' ~ loop.index -%}
    {%- do ctes.append(cte) %}
{{ cte }} as (
    {#- A base table holds a key many times (an order in each of its lines). #}
    select distinct
        {%- for column in columns %}
        {{ column }},
        {%- endfor %}
        cdc_load_date,
        record_source,
        {{ loop.index }} as source_priority
    from {{ source }}
    where
        {%- if is_incremental() %}
        {#- 'is not null' first: it prunes the base-extract branch of the view at plan time. #}
        cdc_load_date is not null
        and cdc_load_date >= {{ incremental_cutoff('cdc_load_date') }}
        {%- else %}
        true
        {%- endif %}
        {%- for column in required_columns %}
        and {{ column }} is not null
        {%- endfor %}
),
{% endfor %}
sightings as (
    {%- for cte in ctes %}
    select * from {{ cte }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

ranked_sightings as (
    select
        *,
        row_number() over (
            partition by {{ hash_key }}
            order by coalesce(cdc_load_date, cast('1900-01-01' as date)), source_priority
        ) as sighting_order
    from sightings
),

first_sightings as (
    select
        {%- for column in columns %}
        {{ column }},
        {%- endfor %}
        {{ vault_load_datetime() }} as load_datetime,
        record_source,
        cdc_load_date
    from ranked_sightings
    where sighting_order = 1
),

new_keys as (
    select * from first_sightings
    {%- if is_incremental() %}
    where not exists (
        select 1 from {{ this }} as existing
        where existing.{{ hash_key }} = first_sightings.{{ hash_key }}
    )
    {%- endif %}
)

select * from new_keys
{%- endmacro %}
