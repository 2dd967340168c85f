-- TPC-H Q20 asked of the marts only, as the standard states it (columns, order, limit).
{{ tpch_q20_from_marts() }}
