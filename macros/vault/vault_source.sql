{% macro vault_source(table, cdc=false, where=none, columns=none) -%}
    {#- A source definition for vault_hub / vault_link / vault_satellite: the staging model
        of a raw-zone table (TPC-H base extract, or with cdc its CDC event stream), with
        record_source '<tpch|cdc>.<table>' (the raw-zone table name). -#}
    {%- set base_models = {
        'customer': 'stg_tpch__customers',
        'orders': 'stg_tpch__orders',
        'lineitem': 'stg_tpch__line_items',
        'part': 'stg_tpch__parts',
        'supplier': 'stg_tpch__suppliers',
        'partsupp': 'stg_tpch__part_suppliers',
        'nation': 'stg_tpch__nations',
        'region': 'stg_tpch__regions',
    } -%}
    {%- set cdc_models = {} -%}
    {%- for cdc_table, model_name in cdc_event_models() -%}
        {%- do cdc_models.update({cdc_table: model_name}) -%}
    {%- endfor -%}
    {%- set models = cdc_models if cdc else base_models -%}
    {%- if table not in models -%}
        {{ exceptions.raise_compiler_error(
            "vault_source: no " ~ ("CDC" if cdc else "base extract") ~ " staging model for table '"
            ~ table ~ "' (known: " ~ (models.keys() | list | join(', ')) ~ ")") }}
    {%- endif -%}
    {{ return({
        'relation': ref(models[table]),
        'record_source': ('cdc.' if cdc else 'tpch.') ~ table,
        'cdc': cdc,
        'where': where,
        'columns': columns or {},
    }) }}
{%- endmacro %}
