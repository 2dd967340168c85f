{% macro materialized_view_member_rows_sql(refresh, previous_watermark=none, all_rows=false) -%}
    {#- A query for the rows of refresh_source as (their unique key columns, refresh_key): the
        key directly (refresh_source_key, an expression over the source row) or through
        refresh_key_map (NULL when the map has no row for it). all_rows: every row (the
        membership a full refresh stores); else the changed rows, whose watermark column is
        past previous_watermark minus the lookback days (every row with a watermark when there
        was none). -#}
    {%- set key_map = refresh.key_map -%}
    select
        {%- for column in refresh.source_unique_key %}
        source_rows.{{ column }},
        {%- endfor %}
        {%- if key_map %}
        key_map.{{ key_map['key_column'] }} as refresh_key
        {%- else %}
        {{ refresh.source_key }} as refresh_key
        {%- endif %}
    from {{ ref(refresh.source) }} as source_rows
    {%- if key_map %}
    left join {{ ref(key_map['model']) }} as key_map
        on source_rows.{{ refresh.source_key }} = key_map.{{ key_map['source_column'] }}
    {%- endif %}
    {%- if not all_rows %}
    where
    {%- if previous_watermark is none %}
        source_rows.{{ refresh.watermark }} is not null
    {%- else %}
        source_rows.{{ refresh.watermark }} > {{ dbt.dateadd('day', -1 * refresh.lookback_days,
            "cast('" ~ previous_watermark ~ "' as date)") }}
    {%- endif %}
    {%- endif %}
{%- endmacro %}
