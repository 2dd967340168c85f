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


{% macro vault_satellite_change_rows(hash_key, payload) -%}
    {#- CTE change_rows: the timeline's rows, copies of an lsn collapsed, whose hashdiff
        differs from the previous row's of their key (by effective_from, then lsn); in an
        incremental run only those not stored yet. Columns in the satellite's order. -#}
deduplicated as (
    select
        *,
        row_number() over (
            partition by {{ hash_key }}, lsn order by cdc_load_date, record_source
        ) as copy_number
    from timeline
),

compared as (
    select
        *,
        lag(hashdiff) over (
            partition by {{ hash_key }} order by effective_from, lsn
        ) as previous_hashdiff
    from deduplicated
    where copy_number = 1
),

change_rows as (
    select
        {{ hash_key }},
        effective_from,
        hashdiff,
        {%- for column in payload %}
        {{ column }},
        {%- endfor %}
        {{ vault_load_datetime() }} as load_datetime,
        record_source,
        cdc_load_date
    from compared
    where
        (previous_hashdiff is null or previous_hashdiff <> hashdiff)
        {%- if is_incremental() %}
        and not exists (
            select 1 from {{ this }} as stored
            where
                stored.{{ hash_key }} = compared.{{ hash_key }}
                and stored.effective_from = compared.effective_from
        )
        {%- endif %}
),
{%- endmacro %}


{% macro vault_satellite_unchanged_rows(hash_key, payload) -%}
    {#- CTE unchanged_rows, first run only: the base row of every key without CDC events
        (its only row, so a change row), and the ghost record (see vault_hashing_spec). -#}
unchanged_rows as (
    select
        {{ hash_key }},
        effective_from,
        hashdiff,
        {%- for column in payload %}
        {{ column }},
        {%- endfor %}
        {{ vault_load_datetime() }} as load_datetime,
        record_source,
        cdc_load_date
    from staged
    where
        cdc_load_date is null
        and {{ hash_key }} not in (select event_keys.{{ hash_key }} from event_keys)
    union all
    select
        '{{ vault_zero_key() }}' as {{ hash_key }},
        {{ vault_ghost_datetime() }} as effective_from,
        '{{ vault_zero_key() }}' as hashdiff,
        {%- for column in payload %}
        null as {{ column }},
        {%- endfor %}
        {{ vault_ghost_datetime() }} as load_datetime,
        cast('SYSTEM' as {{ dbt.type_string() }}) as record_source,
        cast(null as date) as cdc_load_date
),
{%- endmacro %}


{% macro vault_satellite_remove_superseded(hash_key=none) -%}
    {#- Post-hook of every satellite: delete a stored row whose hashdiff equals the previous
        row's for its key. That happens only when a late (out-of-sequence) file inserts a
        row just before a stored row with the same attributes, which loading in order would
        never have inserted. Only keys that received rows in this run and hold earlier
        rows are examined (none on a first run). hash_key defaults to the satellite's first
        column ending in _hk (its parent hash key). -#}
    {%- if hash_key is none and execute -%}
        {%- set hash_keys = [] -%}
        {%- for column in adapter.get_columns_in_relation(this) if column.name.endswith('_hk') -%}
            {%- do hash_keys.append(column.name) -%}
        {%- endfor -%}
        {%- if not hash_keys -%}
            {{ exceptions.raise_compiler_error("vault_satellite_remove_superseded: " ~ this ~ " has no *_hk column") }}
        {%- endif -%}
        {%- set hash_key = hash_keys[0] -%}
    {%- endif %}
    delete from {{ this }}
    where ({{ hash_key }}, effective_from) in (
        select
            compared.{{ hash_key }},
            compared.effective_from
        from (
            select
                {{ hash_key }},
                effective_from,
                hashdiff,
                lag(hashdiff) over (partition by {{ hash_key }} order by effective_from) as previous_hashdiff
            from {{ this }}
            where
                {{ hash_key }} in (
                    select loaded.{{ hash_key }} from {{ this }} as loaded
                    where loaded.load_datetime = {{ vault_load_datetime() }}
                )
                and {{ hash_key }} in (
                    select earlier.{{ hash_key }} from {{ this }} as earlier
                    where earlier.load_datetime < {{ vault_load_datetime() }}
                )
        ) as compared
        where compared.previous_hashdiff = compared.hashdiff
    )
{%- endmacro %}
