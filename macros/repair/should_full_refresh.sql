{% macro should_full_refresh() -%}
    {#- Overrides dbt's should_full_refresh (which every materialization and is_incremental
        call). During a repair: false for the models repaired by rollback (repair_rolls_back),
        true for every other incremental model, materialized view and seed, which are
        recomputed whole from the corrected raw zone. Otherwise dbt's own rule (the model's
        full_refresh config, else the --full-refresh flag). -#}
    {%- if repair_from_load_date() is not none -%}
        {{ return(not repair_rolls_back()) }}
    {%- endif -%}
    {{ return(dbt.should_full_refresh()) }}
{%- endmacro %}
