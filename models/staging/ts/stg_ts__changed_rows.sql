{#- One row per row version the timestamp-based extractor landed, all six tables in one
    relation: the key as text (cdc_key_text), updated_at and its business date, the load
    date and extraction time, and a hash of the value columns (vault_hashdiff) to tell a
    version that changed something from one that did not. -#}

with

{% for spec in cdc_capture_tables() %}
    {{ spec.table }}_rows as (
        select
            '{{ spec.table }}' as table_name,
            {{ cdc_key_text(spec['keys']) }} as business_key,
            cast(updated_at as {{ dbt.type_timestamp() }}) as updated_at,
            cast(updated_at as date) as business_date,
            cast(load_date as date) as load_date,
            cast(_extracted_at as {{ dbt.type_timestamp() }}) as extracted_at,
            {{ vault_hashdiff(spec['values']) }} as row_hash
        from {{ source('ts', spec.table) }}
    ),

{% endfor -%}

changed_rows as (
    {{ union_all_ctes(cdc_capture_tables() | map(attribute='table'), suffix='_rows') }}
)

select * from changed_rows
