-- TPC-H Q18 asked of the marts only, as the standard states it (columns, order, limit).
{{ tpch_q18_from_marts() }}
