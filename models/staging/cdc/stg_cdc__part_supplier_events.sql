with

events as (
    {{ cdc_event_envelope(source('cdc', 'partsupp')) }}
),

typed as (
    select
        {{ cdc_envelope_columns() }},
        {{ cdc_extra_fields([
            'ps_partkey', 'ps_suppkey', 'ps_availqty', 'ps_supplycost', 'ps_comment'
        ]) }} as extra_fields,
        {{ cdc_field('ps_partkey', dbt.type_bigint()) }} as part_id,
        {{ cdc_field('ps_suppkey', dbt.type_bigint()) }} as supplier_id,
        {{ cdc_field('ps_availqty', dbt.type_int()) }} as available_quantity,
        {{ cdc_field('ps_supplycost', 'decimal(15, 2)') }} as supply_cost,
        {{ cdc_field('ps_comment') }} as part_supplier_comment,
        case
            {{ cdc_envelope_checks(['ps_partkey', 'ps_suppkey']) }}
            {{ cdc_parse_check('ps_availqty', dbt.type_int()) }}
            {{ cdc_parse_check('ps_supplycost', 'decimal(15, 2)') }}
        end as validation_reason
    from events
),

checked as (
    {{ cdc_conflicting_duplicates('typed', ['part_id', 'supplier_id']) }}
)

select * from checked
