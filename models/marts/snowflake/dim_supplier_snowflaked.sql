with

supplier_versions as (
    select * from {{ ref('suppliers_snapshot') }}
),

versions_keyed as (
    select
        {{ integer_surrogate_key(['supplier_id', 'valid_from']) }} as supplier_key,
        {{ integer_surrogate_key(['supplier_id']) }} as supplier_durable_key,
        supplier_id,
        supplier_name,
        address,
        phone,
        account_balance,
        case
            when nation_id is null then -1
            else {{ integer_surrogate_key(['nation_id']) }}
        end as nation_key,
        valid_from,
        valid_to,
        {{ snapshot_version_flags() }}
    from supplier_versions
),

unknown_member as (
    {{ unknown_member(
        keys=['supplier_key', 'supplier_durable_key', 'supplier_id'],
        attributes={
            'supplier_name': "'Unknown'",
            'address': 'cast(null as ' ~ dbt.type_string() ~ ')',
            'phone': 'cast(null as ' ~ dbt.type_string() ~ ')',
            'account_balance': 'cast(null as decimal(15, 2))',
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
