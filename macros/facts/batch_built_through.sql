{% macro batch_built_through() -%}
    {#- The speed layer's watermark: the newest CDC load date the batch build read (from
        int_raw_zone_landings, rebuilt by every build), 1900-01-01 before the first CDC day.
        A scalar SQL date expression; events delivered after it are what the live views add. -#}
    (
        select coalesce(max(batch_landings.load_date), cast('1900-01-01' as date))
        from {{ ref('int_raw_zone_landings') }} as batch_landings
        where batch_landings.source_system = 'cdc'
    )
{%- endmacro %}
