{% macro spark__date_part(datepart, date) -%}
    {#- Spark implementation of date_part: EXTRACT, with PostgreSQL's ISO part names
        translated to Spark's: isodow (1 = Monday ... 7 = Sunday) is dayofweek_iso, isoyear
        (the year of the ISO week) is yearofweek; week is already the ISO week. -#}
    {%- set names = {'isodow': 'dayofweek_iso', 'isoyear': 'yearofweek'} -%}
    extract({{ names.get(datepart | lower, datepart) }} from {{ date }})
{%- endmacro %}
