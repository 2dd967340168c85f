{% macro vault_zero_key() -%}
    {#- The zero key: 32 '0' characters. Hash key of a reference whose business-key parts are
        all NULL, and the key (and hashdiff) of every satellite's ghost record. -#}
    {{ return('0' * 32) }}
{%- endmacro %}


{% macro vault_null_placeholder() -%}
    {#- Stand-in for a NULL (or empty after trimming) value inside hash input. -#}
    {{ return('^^') }}
{%- endmacro %}


{% macro vault_is_exact_text_type(data_type) -%}
    {#- True when a value of data_type has one canonical text with no blanks, no letters and
        none of the characters '|', '^', '\\': integers, decimals and dates. Their hash input
        is the cast alone; trimming, upper-casing and escaping would change nothing. -#}
    {%- set base_type = ((data_type or '') | lower).split('(')[0] | trim -%}
    {{ return(base_type in [
        'tinyint', 'smallint', 'integer', 'int', 'bigint', 'hugeint',
        'utinyint', 'usmallint', 'uinteger', 'ubigint', 'int2', 'int4', 'int8',
        'decimal', 'numeric', 'date'
    ]) }}
{%- endmacro %}


{% macro vault_standardize(column, upper_case, data_type=none) -%}
    {#- One hash input value. Exact types (vault_is_exact_text_type(data_type)): the value
        cast to string. Any other type, or an unknown one: cast to string, trimmed,
        upper-cased when upper_case, and '\\', '|' and '^' escaped with a backslash, so a real
        value never reads as the delimiter or the NULL placeholder. NULL (or empty after
        trimming) becomes the NULL placeholder. -#}
    {%- set text = "cast(" ~ column ~ " as " ~ dbt.type_string() ~ ")" -%}
    {%- if vault_is_exact_text_type(data_type) -%}
    coalesce({{ text }}, '{{ vault_null_placeholder() }}')
    {%- else -%}
        {%- set text = "trim(" ~ text ~ ")" -%}
        {%- if upper_case %}{% set text = "upper(" ~ text ~ ")" %}{% endif -%}
    coalesce(nullif({{ vault_escape_hash_input(text) }}, ''), '{{ vault_null_placeholder() }}')
    {%- endif -%}
{%- endmacro %}


{% macro vault_escape_hash_input(text) -%}
    {#- text with each backslash, '|' and '^' preceded by a backslash: a|b becomes a\|b. -#}
    {{ return(adapter.dispatch('vault_escape_hash_input')(text)) }}
{%- endmacro %}


{% macro default__vault_escape_hash_input(text) -%}
    {#- Standard SQL string literals (DuckDB, PostgreSQL): a backslash is an ordinary character. -#}
    replace(replace(replace({{ text }}, '\', '\\'), '|', '\|'), '^', '\^')
{%- endmacro %}


{% macro spark__vault_escape_hash_input(text) -%}
    {#- Spark SQL string literals treat a backslash as an escape: '\\' is one backslash. -#}
    replace(replace(replace({{ text }}, '\\', '\\\\'), '|', '\\|'), '^', '\\^')
{%- endmacro %}


{% macro vault_hash(columns, upper_case, data_types={}) -%}
    {#- MD5 (32 lower-case hex characters) of the standardized values joined with '||'. -#}
    {%- set parts = [] -%}
    {%- for column in columns -%}
        {%- do parts.append(vault_standardize(column, upper_case, data_types.get(column))) -%}
        {%- if not loop.last %}{% do parts.append("'||'") %}{% endif -%}
    {%- endfor -%}
    {{ dbt.hash(dbt.concat(parts) if parts | length > 1 else parts[0]) }}
{%- endmacro %}


{% macro vault_hash_key(columns, data_types={}) -%}
    {#- Hash key of a hub (one business key) or a link (the business keys of its hubs, then
        its dependent child keys, in the order given). See docs block vault_hashing_spec. -#}
    {%- set checks = [] -%}
    {%- for column in columns -%}
        {%- if vault_is_exact_text_type(data_types.get(column)) -%}
            {%- do checks.append(column ~ " is null") -%}
        {%- else -%}
            {%- do checks.append("nullif(trim(cast(" ~ column ~ " as " ~ dbt.type_string() ~ ")), '') is null") -%}
        {%- endif -%}
    {%- endfor -%}
    case
        when {{ checks | join(' and ') }} then '{{ vault_zero_key() }}'
        else {{ vault_hash(columns, upper_case=true, data_types=data_types) }}
    end
{%- endmacro %}


{% macro vault_hashdiff(columns, data_types={}) -%}
    {#- Hashdiff of a satellite's descriptive attributes: the columns sorted by name,
        case-sensitive values. See docs block vault_hashing_spec. -#}
    {{ vault_hash(columns | sort, upper_case=false, data_types=data_types) }}
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
