{% macro vault_satellite(hash_key, key_columns, payload, sources) -%}
    {#- A satellite: the change rows of each parent key's timeline. The timeline is the
        base-extract row (effective_from = var('history_start_at')) plus every accepted CDC
        event (effective_from = the source commit time; copies of an lsn collapsed), in
        effective order; a row is a change row when its hashdiff differs from the previous
        row's. Insert-only: a run inserts the change rows not stored yet. An incremental run
        recomputes only the keys with events in files delivered since
        incremental_cutoff('cdc_load_date'), from all their events, so a file that arrives
        late (out of sequence) lands where loading in order would have put it; the
        post-hook vault_satellite_remove_superseded removes the rare stored row that the
        late file shows was no change. A repair rolls the satellite back (repair_rollback)
        and recomputes every key with events. sources: dicts with relation, record_source, cdc
        (bool), optional where (SQL condition) and columns (payload name -> SQL
        expression; default the column of that name). -#}
    {%- set cdc_ctes = [] -%}
    {%- set base_ctes = [] -%}
    {%- if is_incremental() and not (sources | selectattr('cdc') | list) -%}
        {#- An incremental run of a satellite fed only by the base extract: nothing new. -#}
select * from {{ this }} where 1 = 0
    {%- else %}
with
{% for source in sources %}
    {%- if source.get('cdc') %}
        {%- set cte = 'cdc_events_' ~ loop.index -%}
        {%- do cdc_ctes.append(cte) %}
{{ cte }} as (
    select
        {{ vault_hash_key(key_columns) }} as {{ hash_key }},
        changed_at as effective_from,
        lsn,
        {%- for column in payload %}
        {{ source.get('columns', {}).get(column, column) }} as {{ column }},
        {%- endfor %}
        load_date as cdc_load_date,
        cast('{{ source.record_source }}' as {{ dbt.type_string() }}) as record_source
    from {{ source.relation }}
    where {{ vault_cdc_filter(source, window=false) }}
),
    {%- elif not is_incremental() %}
        {%- set cte = 'base_rows_' ~ loop.index -%}
        {%- do base_ctes.append(cte) %}
{{ cte }} as (
    select
        {{ vault_hash_key(key_columns) }} as {{ hash_key }},
        cast('{{ var("history_start_at") }}' as {{ dbt.type_timestamp() }}) as effective_from,
        cast(0 as {{ dbt.type_bigint() }}) as lsn,
        {%- for column in payload %}
        {{ source.get('columns', {}).get(column, column) }} as {{ column }},
        {%- endfor %}
        cast(null as date) as cdc_load_date,
        cast('{{ source.record_source }}' as {{ dbt.type_string() }}) as record_source
    from {{ source.relation }}
    {%- if source.get('where') %}
    where {{ source['where'] }}
    {%- endif %}
),
    {%- endif %}
{% endfor %}
{%- if is_incremental() %}
{#- Keys with events in newly delivered files; their stored base rows and all their events.
    A repair (repair_rolls_back) takes every key with events: rolling back its rows from the
    repair date on may also have to restore an earlier row that a late (now corrected) file
    had superseded. #}
touched_keys as (
    {%- for cte in cdc_ctes %}
    select {{ hash_key }} from {{ cte }}
    {%- if not repair_rolls_back() %}
    where cdc_load_date >= {{ incremental_cutoff('cdc_load_date') }}
    {%- endif %}
    {%- if not loop.last %}
    union
    {%- endif %}
    {%- endfor %}
),

stored_base_rows as (
    select
        {{ hash_key }},
        effective_from,
        cast(0 as {{ dbt.type_bigint() }}) as lsn,
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
{%- do base_ctes.append('stored_base_rows') %}
{%- endif %}

{%- if not is_incremental() and cdc_ctes %}

{#- Keys with CDC events need their timeline computed; the (many) keys with only a base
    row are change rows as they are. #}
event_keys as (
    {%- for cte in cdc_ctes %}
    select {{ hash_key }} from {{ cte }}
    {%- if not loop.last %}
    union
    {%- endif %}
    {%- endfor %}
),
{%- endif %}

{%- if cdc_ctes %}

timeline as (
    {%- for cte in base_ctes + cdc_ctes %}
    select * from {{ cte }}
    {%- if is_incremental() and cte in cdc_ctes %}
    where {{ hash_key }} in (select touched_keys.{{ hash_key }} from touched_keys)
    {%- elif not is_incremental() and cte in base_ctes %}
    where {{ hash_key }} in (select event_keys.{{ hash_key }} from event_keys)
    {%- endif %}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

deduplicated as (
    select
        *,
        row_number() over (
            partition by {{ hash_key }}, lsn order by cdc_load_date, record_source
        ) as copy_number
    from timeline
),

hashed as (
    select
        *,
        {{ vault_hashdiff(payload) }} as hashdiff
    from deduplicated
    where copy_number = 1
),

compared as (
    select
        *,
        lag(hashdiff) over (
            partition by {{ hash_key }} order by effective_from, lsn
        ) as previous_hashdiff
    from hashed
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
{%- endif %}
{%- if not is_incremental() %}
{%- for cte in base_ctes %}

quiet_rows_{{ loop.index }} as (
    select
        {{ hash_key }},
        effective_from,
        {{ vault_hashdiff(payload) }} as hashdiff,
        {%- for column in payload %}
        {{ column }},
        {%- endfor %}
        {{ vault_load_datetime() }} as load_datetime,
        record_source,
        cdc_load_date
    from {{ cte }}
    {%- if cdc_ctes %}
    where {{ hash_key }} not in (select event_keys.{{ hash_key }} from event_keys)
    {%- endif %}
),
{%- endfor %}

ghost_record as (
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
{%- endif %}

satellite_rows as (
    {%- set parts = [] %}
    {%- if cdc_ctes %}{% do parts.append('change_rows') %}{% endif %}
    {%- if not is_incremental() %}
    {%- for cte in base_ctes %}{% do parts.append('quiet_rows_' ~ loop.index) %}{% endfor %}
    {%- do parts.append('ghost_record') %}
    {%- endif %}
    {%- for part in parts %}
    select * from {{ part }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
)

select * from satellite_rows
{%- endif %}
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
