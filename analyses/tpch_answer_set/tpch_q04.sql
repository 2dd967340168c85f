-- TPC-H Q04 asked of the marts only, as the standard states it (columns, order, limit).
{{ tpch_q04_from_marts() }}
