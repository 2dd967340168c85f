-- TPC-H Q19 asked of the marts only, as the standard states it (columns, order, limit).
{{ tpch_q19_from_marts() }}
