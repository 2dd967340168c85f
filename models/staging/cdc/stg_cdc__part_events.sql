with

events as (
    {{ cdc_event_envelope(source('cdc', 'part')) }}
),

typed as (
    select
        {{ cdc_envelope_columns() }},
        {{ cdc_extra_fields([
            'p_partkey', 'p_name', 'p_mfgr', 'p_brand', 'p_type', 'p_size', 'p_container',
            'p_retailprice', 'p_comment'
        ]) }} as extra_fields,
        {{ cdc_field('p_partkey', dbt.type_bigint()) }} as part_id,
        {{ cdc_field('p_name') }} as part_name,
        trim({{ cdc_field('p_mfgr') }}) as manufacturer,
        trim({{ cdc_field('p_brand') }}) as brand,
        upper(trim({{ cdc_field('p_type') }})) as part_type,
        {{ cdc_field('p_size', dbt.type_int()) }} as size,
        upper(trim({{ cdc_field('p_container') }})) as container,
        {{ cdc_field('p_retailprice', 'decimal(15, 2)') }} as retail_price,
        {{ cdc_field('p_comment') }} as part_comment,
        case
            {{ cdc_envelope_checks(['p_partkey']) }}
            {{ cdc_parse_check('p_size', dbt.type_int()) }}
            {{ cdc_parse_check('p_retailprice', 'decimal(15, 2)') }}
            when {{ cdc_field('p_retailprice', 'decimal(15, 2)') }} < 0
                then 'negative amount in p_retailprice'
        end as validation_reason
    from events
),

checked as (
    {{ cdc_conflicting_duplicates('typed', ['part_id']) }}
)

select * from checked
