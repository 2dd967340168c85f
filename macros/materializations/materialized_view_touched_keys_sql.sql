{% macro materialized_view_touched_keys_sql(refresh, members, changed, gone) -%}
    {#- A query for the refresh_key values (column refresh_key) to recompute: the groups the
        changed rows (relation changed) are in now, the groups the membership (relation
        members) had them in before (a row whose group key changed leaves its old group),
        and the groups of rows no longer in the source (relation gone). -#}
    select refresh_key from {{ changed }}
    union
    select members.refresh_key
    from {{ members }} as members
    where exists (
        select 1 from {{ changed }} as changed
        where {{ materialized_view_same_row(refresh, 'changed', 'members') }}
    )
    union
    select gone.refresh_key from {{ gone }} as gone
{%- endmacro %}
