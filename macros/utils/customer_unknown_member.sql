{% macro customer_unknown_member() -%}
    {#- The unknown member row (customer_key -1) shared by dim_customer and
        dim_customer_from_vault, so both dimensions agree on it. -#}
    {{ unknown_member(
        keys=['customer_key', 'customer_durable_key', 'customer_id'],
        attributes={
            'customer_name': "'Unknown'",
            'address': 'cast(null as ' ~ dbt.type_string() ~ ')',
            'phone': 'cast(null as ' ~ dbt.type_string() ~ ')',
            'account_balance': 'cast(null as decimal(15, 2))',
            'market_segment': "'UNKNOWN'",
            'market_segment_name': "'Unknown'",
            'nation_name': "'UNKNOWN'",
            'nation_iso_code': 'cast(null as ' ~ dbt.type_string() ~ ')',
            'region_name': "'UNKNOWN'",
            'customer_comment': 'cast(null as ' ~ dbt.type_string() ~ ')',
        },
    ) }}
{%- endmacro %}
