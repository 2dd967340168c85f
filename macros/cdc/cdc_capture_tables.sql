{% macro cdc_capture_tables() -%}
    {#- The six source tables both CDC feeds capture, for comparing them: per table its key
        and value columns under the source's (TPC-H) names, as the timestamp feed and the
        base extract carry them, and the log-based feed's staging model with its typed key
        columns. A list of dicts (table, keys, values, log_model, log_keys). -#}
    {{ return([
        {'table': 'customer', 'keys': ['c_custkey'],
         'values': ['c_name', 'c_address', 'c_nationkey', 'c_phone', 'c_acctbal', 'c_mktsegment', 'c_comment'],
         'log_model': 'stg_cdc__customer_events', 'log_keys': ['customer_id']},
        {'table': 'part', 'keys': ['p_partkey'],
         'values': ['p_name', 'p_mfgr', 'p_brand', 'p_type', 'p_size', 'p_container', 'p_retailprice', 'p_comment'],
         'log_model': 'stg_cdc__part_events', 'log_keys': ['part_id']},
        {'table': 'supplier', 'keys': ['s_suppkey'],
         'values': ['s_name', 's_address', 's_nationkey', 's_phone', 's_acctbal', 's_comment'],
         'log_model': 'stg_cdc__supplier_events', 'log_keys': ['supplier_id']},
        {'table': 'partsupp', 'keys': ['ps_partkey', 'ps_suppkey'],
         'values': ['ps_availqty', 'ps_supplycost', 'ps_comment'],
         'log_model': 'stg_cdc__part_supplier_events', 'log_keys': ['part_id', 'supplier_id']},
        {'table': 'orders', 'keys': ['o_orderkey'],
         'values': ['o_custkey', 'o_orderstatus', 'o_totalprice', 'o_orderdate', 'o_orderpriority',
                    'o_clerk', 'o_shippriority', 'o_comment'],
         'log_model': 'stg_cdc__order_events', 'log_keys': ['order_id']},
        {'table': 'lineitem', 'keys': ['l_orderkey', 'l_linenumber'],
         'values': ['l_partkey', 'l_suppkey', 'l_quantity', 'l_extendedprice', 'l_discount', 'l_tax',
                    'l_returnflag', 'l_linestatus', 'l_shipdate', 'l_commitdate', 'l_receiptdate',
                    'l_shipinstruct', 'l_shipmode', 'l_comment'],
         'log_model': 'stg_cdc__line_item_events', 'log_keys': ['order_id', 'line_number']},
    ]) }}
{%- endmacro %}
