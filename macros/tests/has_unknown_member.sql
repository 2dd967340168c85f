{% test has_unknown_member(model, column_name, unknown_key=-1) %}
{#- A dimension's unknown member exists exactly once: fails (one row) unless exactly one
    row has column_name = unknown_key (default -1). Facts point to this row instead of
    carrying a NULL foreign key. -#}
select count(*) as unknown_member_rows
from {{ model }}
where {{ column_name }} = {{ unknown_key }}
having count(*) <> 1
{% endtest %}
