{% macro bridge_remove_ended_lines() -%}
    {#- Post-hook of bridge_order_line in an incremental run: delete the rows whose line is
        no longer active (the run recomputes them with a NULL snapshot_date). dbt-duckdb's
        merge_clauses delete them in the MERGE itself; adapters without merge_clauses
        (dbt-postgres) run a plain MERGE that writes them, and this removes them, so every
        engine ends with the same rows. Nothing on a full refresh, which writes none. -#}
    {%- if is_incremental() %}
    delete from {{ this }} where snapshot_date is null
    {%- endif %}
{%- endmacro %}
