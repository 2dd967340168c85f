{% test hash_key_relationships(model, column_name, to, field) %}
{#- Data Vault referential integrity: every hash key in column_name exists in `to`.`field`
    (a satellite's or link's parent hub), except NULL and the zero key (vault_zero_key: the
    ghost record, and the hash key of a missing business key), which no hub holds. dbt's
    relationships test with the zero key left out, written once here instead of a `where`
    per test (YAML configs cannot call project macros). Windowed like relationships
    (window_test_predicate). -#}
with

child as (
    select {{ column_name }} as from_field
    from {{ model }}
    where {{ column_name }} is not null
        and {{ column_name }} <> '{{ vault_zero_key() }}'
),

parent as (
    select {{ field }} as to_field
    from {{ to }}
)

select child.from_field
from child
left join parent
    on child.from_field = parent.to_field
where parent.to_field is null
{% endtest %}
