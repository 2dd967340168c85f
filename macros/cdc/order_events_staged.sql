{% macro order_events_staged(source_relation) -%}
    {#- The staged CDC events of tpch.orders over `source_relation` (source('cdc', 'orders') or a
        CTE of some of its rows): the envelope and row image typed, validation_reason and
        quarantine_reason set (cdc_conflicting_duplicates). One definition for stg_cdc__order_events
        (every delivered line) and the speed layer (the lines delivered since the batch). -#}
    with

    events as (
        {{ cdc_event_envelope(source_relation, include_before_image=true) }}
    ),

    typed as (
        select
            {{ cdc_envelope_columns() }},
            {{ cdc_extra_fields([
                'o_orderkey', 'o_custkey', 'o_orderstatus', 'o_totalprice', 'o_orderdate',
                'o_orderpriority', 'o_clerk', 'o_shippriority', 'o_comment'
            ]) }} as extra_fields,
            {{ cdc_field('o_orderkey', dbt.type_bigint()) }} as order_id,
            {{ cdc_field('o_custkey', dbt.type_bigint()) }} as customer_id,
            upper(trim({{ cdc_field('o_orderstatus') }})) as order_status,
            upper(trim({{ json_text('before_image', 'o_orderstatus') }})) as previous_order_status,
            {{ cdc_field('o_totalprice', 'decimal(15, 2)') }} as total_price,
            {{ cdc_field('o_orderdate', 'date') }} as order_date,
            upper(trim({{ cdc_field('o_orderpriority') }})) as order_priority,
            trim({{ cdc_field('o_clerk') }}) as clerk,
            {{ cdc_field('o_shippriority', dbt.type_int()) }} as ship_priority,
            {{ cdc_field('o_comment') }} as order_comment,
            case
                {{ cdc_envelope_checks(['o_orderkey']) }}
                {{ cdc_parse_check('o_custkey', dbt.type_bigint()) }}
                {{ cdc_parse_check('o_orderdate', 'date') }}
                {{ cdc_parse_check('o_totalprice', 'decimal(15, 2)') }}
                when {{ cdc_field('o_totalprice', 'decimal(15, 2)') }} < 0 then 'negative amount in o_totalprice'
            end as validation_reason
        from events
    ),

    checked as (
        {{ cdc_conflicting_duplicates('typed', ['order_id']) }}
    )

    select * from checked
{%- endmacro %}
