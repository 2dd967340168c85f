{% macro snapshot_rewrite_sql(target_relation, staging_relation, columns) -%}
    {#- The snapshot table after applying the change set of staging_relation (dbt's snapshot
        staging: dbt_change_type insert / update / delete, keyed by the scd id), in the
        target's column order: what dbt-spark's MERGE leaves behind, as one SELECT. Stored
        versions keep every column; a current version (valid_to NULL or
        dbt_valid_to_current) whose scd id has an update or delete takes that row's valid_to;
        insert rows are appended. Used by the Spark snapshot materialization. -#}
    {%- set target_columns = adapter.get_columns_in_relation(target_relation) | map(attribute='name') | list -%}
    {%- set current_to = config.get('dbt_valid_to_current') -%}
    with closing as (
        select {{ columns.dbt_scd_id }} as scd_id, {{ columns.dbt_valid_to }} as valid_to
        from {{ staging_relation }}
        where dbt_change_type in ('update', 'delete')
    )
    select
        {%- for column in target_columns %}
        {% if column == columns.dbt_valid_to -%}
        case
            when closing.scd_id is not null
                and (stored.{{ column }} is null
                    {%- if current_to %} or stored.{{ column }} = {{ current_to }}{% endif %})
                then closing.valid_to
            else stored.{{ column }}
        end as {{ column }}
        {%- else -%}
        stored.{{ column }}
        {%- endif %}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ target_relation }} as stored
    left join closing
        on stored.{{ columns.dbt_scd_id }} = closing.scd_id
    union all
    select {{ target_columns | join(', ') }}
    from {{ staging_relation }}
    where dbt_change_type = 'insert'
{%- endmacro %}
