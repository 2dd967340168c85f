{% macro vault_satellite(source, hash_key, hashdiff, payload, where=none) -%}
    {#- A satellite: the change rows of each parent key's timeline. The timeline is the
        base-extract row (effective_from = var('history_start_at')) plus every accepted CDC
        event (effective_from = the source commit time; copies of an lsn collapsed), in
        effective order; a row is a change row when its hashdiff differs from the previous
        row's. Insert-only: a run inserts the change rows not stored yet. source: the
        hashed staging view (vault_stage) holding the parent hash key, the hashdiff column
        and the payload; where: an optional condition on its rows. Built from three parts:
        vault_satellite_timeline (which rows to compare), vault_satellite_change_rows (the
        comparison) and, on a first run, vault_satellite_unchanged_rows (keys with a base
        row only, and the ghost record). -#}
with

staged as (
    select
        {{ hash_key }},
        effective_from,
        lsn,
        {{ hashdiff }} as hashdiff,
        {%- for column in payload %}
        {{ column }},
        {%- endfor %}
        cdc_load_date,
        record_source
    from {{ source }}
    where
        {{ where or 'true' }}
        {%- if is_incremental() %}
        and cdc_load_date is not null
        {%- endif %}
),

{{ vault_satellite_timeline(hash_key, payload) }}

{{ vault_satellite_change_rows(hash_key, payload) }}
{%- if not is_incremental() %}

{{ vault_satellite_unchanged_rows(hash_key, payload) }}
{%- endif %}

satellite_rows as (
    select * from change_rows
    {%- if not is_incremental() %}
    union all
    select * from unchanged_rows
    {%- endif %}
)

select * from satellite_rows
{%- endmacro %}
