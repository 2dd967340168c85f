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
    select
        -1 as supplier_key,
        -1 as supplier_durable_key,
        -1 as supplier_id,
        'Unknown' as supplier_name,
        cast(null as {{ dbt.type_string() }}) as address,
        cast(null as {{ dbt.type_string() }}) as phone,
        cast(null as decimal(15, 2)) as account_balance,
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
