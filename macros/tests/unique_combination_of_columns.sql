{% test unique_combination_of_columns(model, combination_of_columns) %}
{#- Same name and semantics as dbt_utils.unique_combination_of_columns: fails once for each
    combination of the listed columns that occurs on more than one row (NULLs compare
    equal, as GROUP BY treats them). -#}
{%- set columns_csv = combination_of_columns | join(', ') %}
select
    {{ columns_csv }},
    count(*) as duplicate_rows
from {{ model }}
group by {{ columns_csv }}
having count(*) > 1
{% endtest %}
