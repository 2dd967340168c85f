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
