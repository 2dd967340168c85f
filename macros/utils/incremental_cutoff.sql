{% macro incremental_cutoff(load_date_column='last_load_date') -%}
    {#- Inside an incremental model's is_incremental() branch: a scalar SQL expression for
        the earliest load date to reprocess, i.e. the newest load date already in the
        target minus var('cdc_lookback_days') days (late events, re-runs). 1900-01-01 when
        the target holds no CDC rows yet. -#}
    (
        select
            {{ dbt.dateadd('day', -1 * var('cdc_lookback_days'),
                "coalesce(max(" ~ load_date_column ~ "), cast('1900-01-01' as date))") }}
        from {{ this }}
    )
{%- endmacro %}
