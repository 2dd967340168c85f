{% test no_consecutive_duplicate_hashdiffs(model, hash_key, hashdiff='hashdiff', order_by='effective_from') %}
{#- Satellite check: per parent key (hash_key), ordered by order_by, no row repeats the
    previous row's hashdiff (a satellite stores changes only; A -> B -> A is three rows, A ->
    A is one). Returns each row that repeats its predecessor. -#}
with

ordered as (
    select
        {{ hash_key }} as parent_hash_key,
        {{ order_by }} as ordered_by,
        {{ hashdiff }} as row_hashdiff,
        lag({{ hashdiff }}) over (
            partition by {{ hash_key }} order by {{ order_by }}
        ) as previous_hashdiff
    from {{ model }}
)

select *
from ordered
where row_hashdiff = previous_hashdiff
{% endtest %}
