{#- One row per base-extract row of the six CDC-fed tables that the timestamp feed has landed
    a version of: the key as text and a hash of the value columns, computed as
    stg_ts__changed_rows computes them, so that first version can be compared with the row it
    replaced. Only those rows: hashing every base row costs seconds per run at SF 1. -#}

with

{% for spec in cdc_capture_tables() %}
    {{ spec.table }}_rows as (
        select
            '{{ spec.table }}' as table_name,
            {{ cdc_key_text(spec['keys']) }} as business_key,
            {{ vault_hashdiff(spec['values']) }} as row_hash
        from {{ source('tpch', spec.table) }} as base
        where exists (
            select 1 from {{ source('ts', spec.table) }} as landed
            where
                {%- for key in spec['keys'] %}
                    landed.{{ key }} = base.{{ key }}{% if not loop.last %} and{% endif %}
                {%- endfor %}
        )
    ),

{% endfor -%}

row_hashes as (
    {{ union_all_ctes(cdc_capture_tables() | map(attribute='table'), suffix='_rows') }}
)

select * from row_hashes
