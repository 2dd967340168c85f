{% macro vault_zero_key() -%}
    {#- The zero key: 32 '0' characters. Hash key of a reference whose business-key parts are
        all NULL, and the key (and hashdiff) of every satellite's ghost record. -#}
    {{ return('0' * 32) }}
{%- endmacro %}


{% macro vault_null_placeholder() -%}
    {#- Stand-in for a NULL (or empty after trimming) value inside hash input. -#}
    {{ return('^^') }}
{%- endmacro %}


{% macro vault_standardize(column, upper_case) -%}
    {#- One hash input value: cast to string, trimmed, upper-cased when upper_case, and the
        NULL placeholder when NULL or empty. -#}
    {%- set text = "trim(cast(" ~ column ~ " as " ~ dbt.type_string() ~ "))" -%}
    {%- if upper_case %}{% set text = "upper(" ~ text ~ ")" %}{% endif -%}
    coalesce(nullif({{ text }}, ''), '{{ vault_null_placeholder() }}')
{%- endmacro %}


{% macro vault_hash(columns, upper_case) -%}
    {#- MD5 (32 lower-case hex characters) of the standardized values joined with '||'. -#}
    {%- set parts = [] -%}
    {%- for column in columns -%}
        {%- do parts.append(vault_standardize(column, upper_case)) -%}
        {%- if not loop.last %}{% do parts.append("'||'") %}{% endif -%}
    {%- endfor -%}
    {{ dbt.hash(dbt.concat(parts) if parts | length > 1 else parts[0]) }}
{%- endmacro %}


{% macro vault_hash_key(columns) -%}
    {#- Hash key of a hub (one business key) or a link (the business keys of its hubs, then
        its dependent child keys, in the order given). See docs block vault_hashing_spec. -#}
    {%- set checks = [] -%}
    {%- for column in columns -%}
        {%- do checks.append("nullif(trim(cast(" ~ column ~ " as " ~ dbt.type_string() ~ ")), '') is null") -%}
    {%- endfor -%}
    case
        when {{ checks | join(' and ') }} then '{{ vault_zero_key() }}'
        else {{ vault_hash(columns, upper_case=true) }}
    end
{%- endmacro %}


{% macro vault_hashdiff(columns) -%}
    {#- Hashdiff of a satellite's descriptive attributes: the columns sorted by name,
        case-sensitive values. See docs block vault_hashing_spec. -#}
    {{ vault_hash(columns | sort, upper_case=false) }}
{%- endmacro %}


{% macro vault_load_datetime() -%}
    {#- load_datetime of every row a vault model inserts in this dbt invocation: dbt's
        run_started_at (UTC), the same instant for the whole load. -#}
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S.%f") }}' as {{ dbt.type_timestamp() }})
{%- endmacro %}


{% macro vault_ghost_datetime() -%}
    {#- load_datetime and effective_from of ghost records: 1900-01-01 00:00:00. -#}
    cast('1900-01-01 00:00:00' as {{ dbt.type_timestamp() }})
{%- endmacro %}


{% macro vault_cdc_filter(source, window=true) -%}
    {#- WHERE condition for reading a CDC staging model into the vault: accepted events only
        (cdc_accepted: passed staging, within the replay cutoff, not a delete of a key that
        never existed), plus the source's
        own 'where'; with window, in an incremental run, only files delivered on or after
        incremental_cutoff('cdc_load_date'). -#}
    {{ cdc_accepted() }}
    {%- if source.get('where') %}
    and ({{ source['where'] }})
    {%- endif %}
    {%- if window and is_incremental() %}
    and load_date >= {{ incremental_cutoff('cdc_load_date') }}
    {%- endif %}
{%- endmacro %}
