{% macro vault_satellite_remove_superseded(hash_key=none) -%}
    {#- Post-hook of every satellite: delete a stored row whose hashdiff equals the previous
        row's for its key. That happens only when a late (out-of-sequence) file inserts a
        row just before a stored row with the same attributes, which loading in order would
        never have inserted. Only keys that received rows in this run and hold earlier
        rows are examined (none on a first run). hash_key defaults to the satellite's first
        column ending in _hk (its parent hash key). Nothing when the run was not incremental
        (a first or full build, or an engine that rebuilds it whole: macro
        incremental_rebuilds_whole), which loads in order and so stores no such row. -#}
    {%- if not is_incremental() -%}
        {{ return('') }}
    {%- endif -%}
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
