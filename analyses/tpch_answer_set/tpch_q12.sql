-- TPC-H Q12 asked of the marts only, as the standard states it (columns, order, limit).
{{ tpch_q12_from_marts() }}
