{% macro incremental_cutoff(load_date_column='last_load_date') -%}
    {#- Inside an incremental model's is_incremental() branch: a scalar SQL expression for
        the earliest load date to reprocess, i.e. the newest load date already in the
        target minus var('cdc_lookback_days') days (late events, re-runs). 1900-01-01 when
        the target holds no CDC rows yet. During a repair (repair_rolls_back): the repair's
        first load date, the rows from it on having been rolled back (repair_rollback). -#}
    {%- if repair_rolls_back() %}
    cast('{{ repair_from_load_date() }}' as date)
    {%- else %}
    (
        select
            {{ dbt.dateadd('day', -1 * var('cdc_lookback_days'),
                "coalesce(max(" ~ load_date_column ~ "), cast('1900-01-01' as date))") }}
        from {{ this }}
    )
    {%- endif %}
{%- endmacro %}
