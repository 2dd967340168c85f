-- TPC-H Q16 asked of the marts only, as the standard states it (columns, order, limit).
{{ tpch_q16_from_marts() }}
