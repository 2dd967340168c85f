{% macro vault_stage(base, record_source, hash_keys, hashdiffs, cdc=none, derived_columns={}) -%}
    {#- A hashed staging view of one raw-zone table: its base-extract rows (operation 'r',
        Debezium's snapshot read, effective_from var('history_start_at'), lsn 0, no
        cdc_load_date) and, with cdc, its accepted CDC events (cdc_accepted), each with the
        business keys, the derived columns, the hash keys and the hashdiffs the raw vault
        loads from it. Hubs, links and satellites select these columns and hash nothing.
        base, cdc: relations (ref of the staging models). record_source: the raw-zone table
        name ('tpch.<name>' and 'cdc.<name>'). hash_keys, hashdiffs: output column -> input
        columns (a hash key's in hash order; a hashdiff's sorted by vault_hashdiff).
        derived_columns: column -> SQL expression over the staged columns and operation. -#}
    {%- set derived_names = derived_columns.keys() | list -%}
    {%- set staged_columns = [] -%}
    {%- for inputs in (hash_keys.values() | list) + (hashdiffs.values() | list) -%}
        {%- for column in inputs if column not in staged_columns and column not in derived_names -%}
            {%- do staged_columns.append(column) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- set data_types = vault_stage_data_types([base, cdc] | select | list, staged_columns) %}
with

base_rows as (
    select
        {%- for column in staged_columns %}
        {{ column }},
        {%- endfor %}
        cast('r' as {{ dbt.type_string() }}) as operation,
        cast('{{ var("history_start_at") }}' as {{ dbt.type_timestamp() }}) as effective_from,
        cast(0 as {{ dbt.type_bigint() }}) as lsn,
        cast(null as date) as cdc_load_date,
        cast('tpch.{{ record_source }}' as {{ dbt.type_string() }}) as record_source
    from {{ base }}
),
{%- if cdc %}

cdc_events as (
    select
        {%- for column in staged_columns %}
        {{ column }},
        {%- endfor %}
        operation,
        changed_at as effective_from,
        lsn,
        load_date as cdc_load_date,
        cast('cdc.{{ record_source }}' as {{ dbt.type_string() }}) as record_source
    from {{ cdc }}
    where {{ cdc_accepted() }}
),
{%- endif %}

staged as (
    select * from base_rows
    {%- if cdc %}
    union all
    select * from cdc_events
    {%- endif %}
),

derived as (
    select
        *
        {%- for name, expression in derived_columns.items() %},
        {{ expression }} as {{ name }}
        {%- endfor %}
    from staged
)

select
    {%- for column in staged_columns + derived_names %}
    {{ column }},
    {%- endfor %}
    {%- for name, inputs in hash_keys.items() %}
    {{ vault_hash_key(inputs, data_types) }} as {{ name }},
    {%- endfor %}
    {%- for name, inputs in hashdiffs.items() %}
    {{ vault_hashdiff(inputs, data_types) }} as {{ name }},
    {%- endfor %}
    operation,
    effective_from,
    lsn,
    cdc_load_date,
    record_source
from derived
{%- endmacro %}
