{% test expression_is_true(model, expression, column_name=None) %}
{#- Same name and semantics as dbt_utils.expression_is_true: fails on every row where the
    expression is false (NULL counts as passing, as in dbt_utils). With column_name, the
    expression is appended to the column, e.g. expression '>= 0'. -#}
select *
from {{ model }}
{% if column_name is none -%}
where not ({{ expression }})
{%- else -%}
where not ({{ column_name }} {{ expression }})
{%- endif %}
{% endtest %}
