-- TPC-H Q10 asked of the marts only, as the standard states it (columns, order, limit).
{{ tpch_q10_from_marts() }}
