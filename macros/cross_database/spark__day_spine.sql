{% macro spark__day_spine(start_date, end_date) -%}
    {#- Spark implementation of day_spine: sequence builds the array of days, explode turns
        it into rows. -#}
    select
        explode(sequence(
            cast({{ start_date }} as date),
            cast({{ end_date }} as date),
            interval 1 day
        )) as date_day
{%- endmacro %}
