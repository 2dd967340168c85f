{% macro bridge_remove_ended_lines() -%}
    {#- Post-hook of bridge_order_line in an incremental run: delete the rows whose line is
        no longer active (the run recomputes them with a NULL snapshot_date and the MERGE
        writes them: a DELETE clause beside the UPDATE one would make two actions in one
        MERGE, which a DuckLake refuses; adapters without merge_clauses, dbt-postgres, run a
        plain MERGE), so every engine ends with the same rows. Nothing on a full refresh,
        which writes none. -#}
    {%- if is_incremental() %}
    delete from {{ this }} where snapshot_date is null
    {%- endif %}
{%- endmacro %}
