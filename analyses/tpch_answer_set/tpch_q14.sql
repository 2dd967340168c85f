-- TPC-H Q14 asked of the marts only, as the standard states it (columns, order, limit).
{{ tpch_q14_from_marts() }}
