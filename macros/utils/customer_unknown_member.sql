{% macro customer_unknown_member() -%}
    {#- The select list of the unknown member row (customer_key -1) shared by dim_customer and
        dim_customer_from_vault, so both dimensions agree on it. -#}
    select
        -1 as customer_key,
        -1 as customer_durable_key,
        -1 as customer_id,
        'Unknown' as customer_name,
        cast(null as {{ dbt.type_string() }}) as address,
        cast(null as {{ dbt.type_string() }}) as phone,
        cast(null as decimal(15, 2)) as account_balance,
        'UNKNOWN' as market_segment,
        'Unknown' as market_segment_name,
        'UNKNOWN' as nation_name,
        cast(null as {{ dbt.type_string() }}) as nation_iso_code,
        'UNKNOWN' as region_name,
        cast('1900-01-01' as {{ dbt.type_timestamp() }}) as valid_from,
        cast('9999-12-31' as {{ dbt.type_timestamp() }}) as valid_to,
        true as is_current,
        false as is_deleted
{%- endmacro %}
