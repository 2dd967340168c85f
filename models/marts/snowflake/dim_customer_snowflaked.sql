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
    {{ unknown_member(
        keys=['customer_key', 'customer_durable_key', 'customer_id'],
        attributes={
            'customer_name': "'Unknown'",
            'address': 'cast(null as ' ~ dbt.type_string() ~ ')',
            'phone': 'cast(null as ' ~ dbt.type_string() ~ ')',
            'account_balance': 'cast(null as decimal(15, 2))',
            'market_segment': "'UNKNOWN'",
            'nation_key': '-1',
        },
    ) }}
),

final as (
    select * from versions_keyed
    union all
    select * from unknown_member
)

select * from final
