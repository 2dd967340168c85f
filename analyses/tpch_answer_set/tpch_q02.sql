-- TPC-H Q02 asked of the marts only, as the standard states it (columns, order, limit).
{{ tpch_q02_from_marts() }}
