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
