{% macro live_raw_zone_landings() -%}
    {#- The raw zone's landings as the speed layer sees them: the batch's (int_raw_zone_landings)
        plus one row per CDC feed and load date delivered after batch_built_through(), read
        from the cdc source and counted as int_raw_zone_landings counts them (every delivered
        line; loaded_at the newest _loaded_at). A query with the columns of
        int_raw_zone_landings (source_system, feed, load_date, loaded_at, row_count), for
        raw_zone_loaded_at. -#}
    select
        source_system,
        feed,
        load_date,
        loaded_at,
        row_count
    from {{ ref('int_raw_zone_landings') }}
    {%- for feed, model in cdc_event_models() %}
    union all
    select
        'cdc' as source_system,
        'cdc.{{ feed }}' as feed,
        cast(load_date as date) as load_date,
        max(cast(_loaded_at as {{ dbt.type_timestamp() }})) as loaded_at,
        count(*) as row_count
    from {{ source('cdc', feed) }}
    where cast(load_date as date) > {{ batch_built_through() }} and {{ cdc_within_cutoff() }}
    group by cast(load_date as date)
    {%- endfor %}
{%- endmacro %}
