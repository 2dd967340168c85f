-- TPC-H Q13 asked of the marts only, as the standard states it (columns, order, limit).
{{ tpch_q13_from_marts() }}
