{% macro materialized_view_record_refresh(state_relation, relation, definition_hash, watermark,
                                          refresh_kind, reason, groups_refreshed, rows_written) -%}
    {#- Appends one refresh record for relation to the refresh log. -#}
    {% call statement('record_materialized_view_refresh') -%}
        insert into {{ state_relation }} values (
            '{{ relation }}',
            '{{ definition_hash }}',
            {{ "'" ~ watermark ~ "'" if watermark is not none else 'null' }},
            '{{ refresh_kind }}',
            '{{ reason }}',
            {{ groups_refreshed }},
            {{ rows_written }},
            {{ dbt.current_timestamp() }}
        )
    {%- endcall %}
{%- endmacro %}
