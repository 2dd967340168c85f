{% macro live_cdc_events(source_relation, staged_relation, stage) -%}
    {#- The speed layer's CDC log of one table: the events the batch staged (staged_relation, a
        stg_cdc__ model, through batch_built_through()) plus the lines of source_relation
        delivered since, staged at query time by the same macro (stage, e.g.
        order_events_staged). A query with the columns of staged_relation. -#}
    with

    landed_since_batch as (
        select * from {{ source_relation }}
        where cast(load_date as date) > {{ batch_built_through() }}
    ),

    staged_since_batch as (
        {{ stage('landed_since_batch') }}
    )

    select * from {{ staged_relation }}
    where load_date <= {{ batch_built_through() }}
    union all
    select * from staged_since_batch
{%- endmacro %}
