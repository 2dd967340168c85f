{% macro vault_hub(hash_key, business_key, sources) -%}
    {#- A hub: one row per business key ever seen in any of the sources, insert-only. -#}
    {{ vault_first_sightings(hash_key, [business_key], [business_key], sources,
                             required_columns=[business_key]) }}
{%- endmacro %}


{% macro vault_link(hash_key, references, sources, dependent_keys=[]) -%}
    {#- A link: one row per distinct relationship (combination of hub business keys and
        dependent child keys) ever seen, insert-only. references: list of
        (hub hash key column, business key column) pairs, in hash order. -#}
    {%- set hash_columns = [] -%}
    {%- set outputs = [] -%}
    {%- for hub_hash_key, business_key in references -%}
        {%- do hash_columns.append(business_key) -%}
        {%- do outputs.append((hub_hash_key, vault_hash_key([business_key]))) -%}
    {%- endfor -%}
    {%- for column in dependent_keys -%}
        {%- do hash_columns.append(column) -%}
        {%- do outputs.append((column, column)) -%}
    {%- endfor -%}
    {{ vault_first_sightings(hash_key, hash_columns, outputs, sources, required_columns=[]) }}
{%- endmacro %}


{% macro vault_first_sightings(hash_key, hash_columns, outputs, sources, required_columns) -%}
    {#- Shared body of hubs and links. outputs: column names or (name, SQL expression)
        pairs. The first sighting of a hash key wins: earliest CDC file (base extract first),
        then the order of sources. In an incremental run the base extract is not read and
        only keys not yet in the table are inserted. -#}
    {%- set read_sources = [] -%}
    {%- for source in sources if source.get('cdc') or not is_incremental() -%}
        {%- do read_sources.append(source) -%}
    {%- endfor -%}
    {%- if read_sources | length == 0 -%}
        {#- An incremental run of a table fed only by the base extract: nothing new. -#}
select * from {{ this }} where 1 = 0
    {%- else -%}
    {%- set ctes = [] %}
with
{% for source in read_sources %}
    {%- set cte = 'sightings_' ~ loop.index -%}
    {%- do ctes.append(cte) %}
{{ cte }} as (
    {#- Deduplicated on the business keys before anything is hashed: a base table holds a
        key many times (an order in each of its lines). #}
    select distinct
        {%- for column in hash_columns %}
        {{ column }},
        {%- endfor %}
        {%- if source.get('cdc') %}
        load_date as cdc_load_date,
        {%- else %}
        cast(null as date) as cdc_load_date,
        {%- endif %}
        cast('{{ source.record_source }}' as {{ dbt.type_string() }}) as record_source,
        {{ loop.index }} as source_priority
    from {{ source.relation }}
    where
        {%- if source.get('cdc') %}
        {{ vault_cdc_filter(source) }}
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
            partition by {{ hash_columns | join(', ') }}
            order by coalesce(cdc_load_date, cast('1900-01-01' as date)), source_priority
        ) as sighting_order
    from sightings
),

first_sightings as (
    select
        {{ vault_hash_key(hash_columns) }} as {{ hash_key }},
        {%- for output in outputs %}
        {%- if output is string %}
        {{ output }},
        {%- else %}
        {{ output[1] }} as {{ output[0] }},
        {%- endif %}
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
    {%- endif %}
{%- endmacro %}
