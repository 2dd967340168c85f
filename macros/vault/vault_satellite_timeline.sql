{% macro vault_satellite_timeline(hash_key, payload) -%}
    {#- CTE timeline: the rows whose order decides the change rows. First run: every row of
        the keys with CDC events (the many keys with a base row only are change rows as
        they are; see vault_satellite_unchanged_rows). Incremental run: the keys with events
        in files delivered since incremental_cutoff('cdc_load_date'), with their stored base
        row and all their events, so a file that arrives late (out of sequence) lands where
        loading in order would have put it. A repair (repair_rolls_back) takes every key
        with events: rolling back its rows from the repair date on may have to restore an
        earlier row that a late (now corrected) file had superseded. -#}
    {%- if is_incremental() -%}
touched_keys as (
    select distinct {{ hash_key }} from staged
    {%- if not repair_rolls_back() %}
    where cdc_load_date >= {{ incremental_cutoff('cdc_load_date') }}
    {%- endif %}
),

stored_base_rows as (
    select
        {{ hash_key }},
        effective_from,
        cast(0 as {{ dbt.type_bigint() }}) as lsn,
        hashdiff,
        {%- for column in payload %}
        {{ column }},
        {%- endfor %}
        cdc_load_date,
        record_source
    from {{ this }}
    where
        cdc_load_date is null
        and {{ hash_key }} in (select touched_keys.{{ hash_key }} from touched_keys)
),

timeline as (
    select * from stored_base_rows
    union all
    select * from staged
    where {{ hash_key }} in (select touched_keys.{{ hash_key }} from touched_keys)
),
    {%- else -%}
event_keys as (
    select distinct {{ hash_key }} from staged
    where cdc_load_date is not null
),

timeline as (
    select * from staged
    where {{ hash_key }} in (select event_keys.{{ hash_key }} from event_keys)
),
    {%- endif %}
{%- endmacro %}
