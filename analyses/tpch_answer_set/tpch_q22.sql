-- TPC-H Q22 asked of the marts only, as the standard states it (columns, order, limit).
{{ tpch_q22_from_marts() }}
