with

events as (
    {{ cdc_event_envelope(source('cdc', 'customer')) }}
),

typed as (
    select
        {{ cdc_envelope_columns() }},
        {{ cdc_extra_fields([
            'c_custkey', 'c_name', 'c_address', 'c_nationkey', 'c_phone', 'c_acctbal',
            'c_mktsegment', 'c_comment'
        ]) }} as extra_fields,
        {{ cdc_field('c_custkey', dbt.type_bigint()) }} as customer_id,
        {{ cdc_field('c_name') }} as customer_name,
        {{ cdc_field('c_address') }} as address,
        {{ cdc_field('c_nationkey', dbt.type_bigint()) }} as nation_id,
        trim({{ cdc_field('c_phone') }}) as phone,
        {{ cdc_field('c_acctbal', 'decimal(15, 2)') }} as account_balance,
        upper(trim({{ cdc_field('c_mktsegment') }})) as market_segment,
        {{ cdc_field('c_comment') }} as customer_comment,
        case
            {{ cdc_envelope_checks(['c_custkey']) }}
            {{ cdc_parse_check('c_nationkey', dbt.type_bigint()) }}
            {{ cdc_parse_check('c_acctbal', 'decimal(15, 2)') }}
        end as validation_reason
    from events
),

checked as (
    {{ cdc_conflicting_duplicates('typed', ['customer_id']) }}
)

select * from checked
