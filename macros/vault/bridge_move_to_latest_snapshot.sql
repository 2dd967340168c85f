{% macro bridge_move_to_latest_snapshot() -%}
    {#- Post-hook of bridge_order_line in an incremental run: set snapshot_date to the latest
        snapshot date (control_snapshot_dates.is_latest) on the rows the run did not
        recompute; nothing on a full refresh, which writes it. -#}
    {%- if is_incremental() %}
    update {{ this }}
    set snapshot_date = (select snapshot_date from {{ ref('control_snapshot_dates') }} where is_latest)
    where snapshot_date <> (select snapshot_date from {{ ref('control_snapshot_dates') }} where is_latest)
    {%- endif %}
{%- endmacro %}
