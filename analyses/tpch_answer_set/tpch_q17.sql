-- TPC-H Q17 asked of the marts only, as the standard states it (columns, order, limit).
{{ tpch_q17_from_marts() }}
