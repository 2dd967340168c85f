-- TPC-H Q21 asked of the marts only, as the standard states it (columns, order, limit).
{{ tpch_q21_from_marts() }}
