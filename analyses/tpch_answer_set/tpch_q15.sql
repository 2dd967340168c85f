-- TPC-H Q15 asked of the marts only, as the standard states it (columns, order, limit).
{{ tpch_q15_from_marts() }}
