-- Every business key in staging (base extract rows, accepted CDC events up to the replay
-- cutoff) is in its hub; with the hubs' unique tests, exactly once. Returns each missing
-- (hub, business key).
{%- set checks = [
    ('hub_customer', 'customer_id', 'customer_hk', [
        'stg_tpch__customers', 'stg_cdc__customer_events', 'stg_tpch__orders', 'stg_cdc__order_events']),
    ('hub_order', 'order_id', 'order_hk', [
        'stg_tpch__orders', 'stg_cdc__order_events', 'stg_tpch__line_items', 'stg_cdc__line_item_events']),
    ('hub_part', 'part_id', 'part_hk', [
        'stg_tpch__parts', 'stg_cdc__part_events', 'stg_tpch__part_suppliers', 'stg_tpch__line_items',
        'stg_cdc__line_item_events']),
    ('hub_supplier', 'supplier_id', 'supplier_hk', [
        'stg_tpch__suppliers', 'stg_cdc__supplier_events', 'stg_tpch__part_suppliers', 'stg_tpch__line_items',
        'stg_cdc__line_item_events']),
    ('hub_nation', 'nation_id', 'nation_hk', [
        'stg_tpch__nations', 'stg_tpch__customers', 'stg_cdc__customer_events', 'stg_tpch__suppliers',
        'stg_cdc__supplier_events']),
    ('hub_region', 'region_id', 'region_hk', ['stg_tpch__regions', 'stg_tpch__nations']),
] %}

with

{% for hub, business_key, hash_key, models in checks %}
    staged_{{ hub }} as (
        {%- for model in models %}
            select distinct {{ business_key }} from {{ ref(model) }}
            where
                {{ business_key }} is not null
                {%- if model.startswith('stg_cdc__') %}
                    and {{ cdc_accepted() }}
                {%- endif %}
            {%- if not loop.last %}
                union
            {%- endif %}
        {%- endfor %}
    ),

    -- An anti-join written out (not NOT EXISTS): a subquery correlated on the hash of the
    -- outer key is decorrelated by Spark into a cross join of every staged key with the hub.
    missing_from_{{ hub }} as (
        select
            '{{ hub }}' as hub_name,
            staged.{{ business_key }} as business_key
        from staged_{{ hub }} as staged
        left join {{ ref(hub) }} as hub
            on
                hub.{{ hash_key }} = {{ vault_hash_key(['staged.' ~ business_key]) }}
                and hub.{{ business_key }} = staged.{{ business_key }}
        where hub.{{ hash_key }} is null
    ),
{% endfor %}

missing as (
    {%- for hub, business_key, hash_key, models in checks %}
        select * from missing_from_{{ hub }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
)

select * from missing
