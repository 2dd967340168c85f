{% macro cdc_within_cutoff(load_date_column='load_date') -%}
    {#- A condition on CDC events: "<load_date_column> <= <cutoff>" when
        var('cdc_through_load_date') is set (a day-by-day replay of the raw zone), "true"
        otherwise. -#}
    {%- set through = var('cdc_through_load_date', none) -%}
    {%- if through -%}
        {{ load_date_column }} <= cast('{{ through }}' as date)
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}
