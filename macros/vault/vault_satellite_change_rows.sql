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
