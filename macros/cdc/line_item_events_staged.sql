{% macro line_item_events_staged(source_relation) -%}
    {#- The staged CDC events of tpch.lineitem over `source_relation` (source('cdc', 'lineitem') or a
        CTE of some of its rows): the envelope and row image typed, validation_reason and
        quarantine_reason set (cdc_conflicting_duplicates). One definition for stg_cdc__line_item_events
        (every delivered line) and the speed layer (the lines delivered since the batch). -#}
    with

    events as (
        {{ cdc_event_envelope(source_relation) }}
    ),

    typed as (
        select
            {{ cdc_envelope_columns() }},
            {{ cdc_extra_fields([
                'l_orderkey', 'l_partkey', 'l_suppkey', 'l_linenumber', 'l_quantity',
                'l_extendedprice', 'l_discount', 'l_tax', 'l_returnflag', 'l_linestatus',
                'l_shipdate', 'l_commitdate', 'l_receiptdate', 'l_shipinstruct', 'l_shipmode',
                'l_comment'
            ]) }} as extra_fields,
            {{ cdc_field('l_orderkey', dbt.type_bigint()) }} as order_id,
            {{ cdc_field('l_linenumber', dbt.type_int()) }} as line_number,
            {{ cdc_field('l_partkey', dbt.type_bigint()) }} as part_id,
            {{ cdc_field('l_suppkey', dbt.type_bigint()) }} as supplier_id,
            {{ cdc_field('l_quantity', 'decimal(15, 2)') }} as quantity,
            {{ cdc_field('l_extendedprice', 'decimal(15, 2)') }} as extended_price,
            {{ cdc_field('l_discount', 'decimal(15, 2)') }} as discount_rate,
            {{ cdc_field('l_tax', 'decimal(15, 2)') }} as tax_rate,
            upper(trim({{ cdc_field('l_returnflag') }})) as return_flag,
            upper(trim({{ cdc_field('l_linestatus') }})) as line_status,
            {{ cdc_field('l_shipdate', 'date') }} as ship_date,
            {{ cdc_field('l_commitdate', 'date') }} as commit_date,
            {{ cdc_field('l_receiptdate', 'date') }} as receipt_date,
            upper(trim({{ cdc_field('l_shipinstruct') }})) as ship_instruction,
            upper(trim({{ cdc_field('l_shipmode') }})) as ship_mode,
            {{ cdc_field('l_comment') }} as line_comment,
            case
                {{ cdc_envelope_checks(['l_orderkey', 'l_linenumber']) }}
                {{ cdc_parse_check('l_partkey', dbt.type_bigint()) }}
                {{ cdc_parse_check('l_suppkey', dbt.type_bigint()) }}
                {{ cdc_parse_check('l_quantity', 'decimal(15, 2)') }}
                {{ cdc_parse_check('l_extendedprice', 'decimal(15, 2)') }}
                {{ cdc_parse_check('l_discount', 'decimal(15, 2)') }}
                {{ cdc_parse_check('l_tax', 'decimal(15, 2)') }}
                {{ cdc_parse_check('l_shipdate', 'date') }}
                {{ cdc_parse_check('l_commitdate', 'date') }}
                {{ cdc_parse_check('l_receiptdate', 'date') }}
                when {{ cdc_field('l_quantity', 'decimal(15, 2)') }} < 0
                    then 'negative quantity in l_quantity'
                when {{ cdc_field('l_extendedprice', 'decimal(15, 2)') }} < 0
                    then 'negative amount in l_extendedprice'
            end as validation_reason
        from events
    ),

    checked as (
        {{ cdc_conflicting_duplicates('typed', ['order_id', 'line_number']) }}
    )

    select * from checked
{%- endmacro %}
