-- TPC-H Q09 asked of the marts only, as the standard states it (columns, order, limit).
{{ tpch_q09_from_marts() }}
