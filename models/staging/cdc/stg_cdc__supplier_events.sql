with

events as (
    {{ cdc_event_envelope(source('cdc', 'supplier')) }}
),

typed as (
    select
        {{ cdc_envelope_columns() }},
        {{ cdc_extra_fields([
            's_suppkey', 's_name', 's_address', 's_nationkey', 's_phone', 's_acctbal',
            's_comment'
        ]) }} as extra_fields,
        {{ cdc_field('s_suppkey', dbt.type_bigint()) }} as supplier_id,
        {{ cdc_field('s_name') }} as supplier_name,
        {{ cdc_field('s_address') }} as address,
        {{ cdc_field('s_nationkey', dbt.type_bigint()) }} as nation_id,
        trim({{ cdc_field('s_phone') }}) as phone,
        {{ cdc_field('s_acctbal', 'decimal(15, 2)') }} as account_balance,
        {{ cdc_field('s_comment') }} as supplier_comment,
        case
            {{ cdc_envelope_checks(['s_suppkey']) }}
            {{ cdc_parse_check('s_nationkey', dbt.type_bigint()) }}
            {{ cdc_parse_check('s_acctbal', 'decimal(15, 2)') }}
        end as validation_reason
    from events
),

checked as (
    {{ cdc_conflicting_duplicates('typed', ['supplier_id']) }}
)

select * from checked
