{% macro snapshot_version_flags(relation_alias=none) -%}
    {#- The is_current and is_deleted columns of a type 2 dimension built from a dbt snapshot
        of this project (meta columns valid_to, is_hard_deleted): current while valid_to is
        the open end 9999-12-31; deleted when the source soft-deleted the key (is_deleted)
        or the snapshot recorded it vanishing (is_hard_deleted = 'True'). -#}
    {%- set prefix = relation_alias ~ '.' if relation_alias else '' -%}
    {{ prefix }}valid_to = cast('9999-12-31' as {{ dbt.type_timestamp() }}) as is_current,
        coalesce({{ prefix }}is_deleted, false)
        or coalesce({{ prefix }}is_hard_deleted = 'True', false) as is_deleted
{%- endmacro %}
