-- TPC-H Q01 asked of the marts only, as the standard states it (columns, order, limit).
{{ tpch_q01_from_marts() }}
