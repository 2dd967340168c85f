-- TPC-H Q05 asked of the marts only, as the standard states it (columns, order, limit).
{{ tpch_q05_from_marts() }}
