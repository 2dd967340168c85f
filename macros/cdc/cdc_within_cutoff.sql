{% macro cdc_within_cutoff(load_date_column='load_date') -%}
    {#- A condition on CDC events: "<load_date_column> <= <cutoff>" when the replay cutoff
        is set (a day-by-day replay of the raw zone): env var WAREHOUSE_CDC_THROUGH_LOAD_DATE
        (what python -m warehouse sets: an env var keeps dbt's partial parsing across the
        days, a changed --vars forces a full parse) or else var('cdc_through_load_date');
        "true" otherwise. -#}
    {%- set through = env_var('WAREHOUSE_CDC_THROUGH_LOAD_DATE', '') or var('cdc_through_load_date', none) -%}
    {%- if through -%}
        {{ load_date_column }} <= cast('{{ through }}' as date)
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}
