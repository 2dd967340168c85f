{% macro line_items_state_columns() -%}
    {#- The order line attributes line_items_current_state carries (after the key columns, before
        is_deleted, deleted_at, updated_at, last_lsn, last_load_date). A list of names. -#}
    {{ return([
        'part_id',
        'supplier_id',
        'quantity',
        'extended_price',
        'discount_rate',
        'tax_rate',
        'return_flag',
        'line_status',
        'ship_date',
        'commit_date',
        'receipt_date',
        'ship_instruction',
        'ship_mode',
        'line_comment'
    ]) }}
{%- endmacro %}
