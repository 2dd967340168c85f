{% test accepted_range(model, column_name, min_value=none, max_value=none, inclusive=true) %}
{#- Same name and semantics as dbt_utils.accepted_range: fails on every row whose value is
    below min_value or above max_value (bounds inclusive unless inclusive=false; either
    bound may be omitted; NULL values pass). -#}
{%- if min_value is none and max_value is none -%}
    {{ exceptions.raise_compiler_error("accepted_range on " ~ model ~ "." ~ column_name ~ " needs min_value or max_value") }}
{%- endif %}
select *
from {{ model }}
where
    1 = 2
    {%- if min_value is not none %}
    or not ({{ column_name }} {{ '>=' if inclusive else '>' }} {{ min_value }})
    {%- endif %}
    {%- if max_value is not none %}
    or not ({{ column_name }} {{ '<=' if inclusive else '<' }} {{ max_value }})
    {%- endif %}
{% endtest %}
