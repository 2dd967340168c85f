-- TPC-H Q08 asked of the marts only, as the standard states it (columns, order, limit).
{{ tpch_q08_from_marts() }}
