with

customer_versions as (
    select * from {{ ref('customers_snapshot') }}
),

versions_keyed as (
    select
        {{ integer_surrogate_key(['customer_id', 'valid_from']) }} as customer_key,
        {{ integer_surrogate_key(['customer_id']) }} as customer_durable_key,
        customer_id,
        customer_name,
        address,
        phone,
        account_balance,
        market_segment,
        case
            when nation_id is null then -1
            else {{ integer_surrogate_key(['nation_id']) }}
        end as nation_key,
        valid_from,
        valid_to,
        {{ snapshot_version_flags() }}
    from customer_versions
),

unknown_member as (
    select
        -1 as customer_key,
        -1 as customer_durable_key,
        -1 as customer_id,
        'Unknown' as customer_name,
        cast(null as {{ dbt.type_string() }}) as address,
        cast(null as {{ dbt.type_string() }}) as phone,
        cast(null as decimal(15, 2)) as account_balance,
        'UNKNOWN' as market_segment,
        -1 as nation_key,
        cast('1900-01-01' as {{ dbt.type_timestamp() }}) as valid_from,
        cast('9999-12-31' as {{ dbt.type_timestamp() }}) as valid_to,
        true as is_current,
        false as is_deleted
),

final as (
    select * from versions_keyed
    union all
    select * from unknown_member
)

select * from final
