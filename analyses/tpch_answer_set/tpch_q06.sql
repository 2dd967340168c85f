-- TPC-H Q06 asked of the marts only, as the standard states it (columns, order, limit).
{{ tpch_q06_from_marts() }}
