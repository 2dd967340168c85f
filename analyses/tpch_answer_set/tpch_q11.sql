-- TPC-H Q11 asked of the marts only, as the standard states it (columns, order, limit).
{{ tpch_q11_from_marts() }}
