-- TPC-H Q03 asked of the marts only, as the standard states it (columns, order, limit).
{{ tpch_q03_from_marts() }}
