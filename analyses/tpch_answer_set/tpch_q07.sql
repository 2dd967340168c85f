-- TPC-H Q07 asked of the marts only, as the standard states it (columns, order, limit).
{{ tpch_q07_from_marts() }}
