{% macro cdc_within_cutoff(load_date_column='load_date') -%}
    {#- A condition on CDC events: "<load_date_column> <= <cutoff>" when the replay cutoff
        is set (a day-by-day replay of the raw zone): env var WAREHOUSE_CDC_THROUGH_LOAD_DATE
        (what python -m warehouse sets: an env var keeps dbt's partial parsing across the
        days, a changed --vars forces a full parse) or else var('cdc_through_load_date');
        "true" otherwise, and always in a model tagged speed_layer: a view is compiled once
        and read later, when every delivered event counts (a cutoff compiled into it would
        hide the events landed after the build that created it). -#}
    {%- set through = env_var('WAREHOUSE_CDC_THROUGH_LOAD_DATE', '') or var('cdc_through_load_date', none) -%}
    {%- set speed_layer = model is defined and model is mapping and 'speed_layer' in (model.get('tags') or []) -%}
    {%- if through and not speed_layer -%}
        {{ load_date_column }} <= cast('{{ through }}' as date)
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}
