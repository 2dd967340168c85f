{% macro repair_from_load_date() -%}
    {#- The first load date a repair (python -m warehouse repair --from DATE) reprocesses:
        env var WAREHOUSE_REPAIR_FROM_LOAD_DATE (an env var keeps dbt's partial parsing) or
        else var('repair_from_load_date'); none outside a repair. Returned as a string
        YYYY-MM-DD. -#}
    {%- set value = env_var('WAREHOUSE_REPAIR_FROM_LOAD_DATE', '') or var('repair_from_load_date', none) -%}
    {{ return(value or none) }}
{%- endmacro %}


{% macro repair_rolls_back() -%}
    {#- True when the node being built is repaired by rollback: an insert-only history
        model (config meta.repair = 'rollback', the raw vault) during a repair. -#}
    {{ return(repair_from_load_date() is not none
              and (config.get('meta') or {}).get('repair') == 'rollback') }}
{%- endmacro %}


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


{% macro repair_rollback() -%}
    {#- Pre-hook of the models repaired by rollback: during a repair, delete the rows loaded
        from load date repair_from_load_date() on (the load-date column is the model's
        meta.test_window.loaded), so the run reloads them from the corrected raw zone (with
        incremental_cutoff() = that date). Renders nothing outside a repair or when the
        table does not exist yet. -#}
    {%- if repair_rolls_back() and execute and load_relation(this) is not none -%}
        {%- set column = ((config.get('meta') or {}).get('test_window') or {}).get('loaded') -%}
        {%- if not column -%}
            {{ exceptions.raise_compiler_error("repair_rollback: " ~ this ~ " has no meta.test_window.loaded column") }}
        {%- endif %}
    delete from {{ this }} where {{ column }} >= cast('{{ repair_from_load_date() }}' as date)
    {%- endif -%}
{%- endmacro %}
