-- TPC-H Q11 (important stock identification), validation parameters NATION = GERMANY,
-- FRACTION = 0.0001: the parts whose stock value at German suppliers exceeds that fraction of
-- the German total. The marts side reads the offers valid at the end of the base extract.
with

german_stock as (
    select
        partsupp.ps_partkey as part_id,
        partsupp.ps_supplycost * partsupp.ps_availqty as stock_value
    from {{ source('tpch', 'partsupp') }} as partsupp
    inner join {{ source('tpch', 'supplier') }} as supplier
        on partsupp.ps_suppkey = supplier.s_suppkey
    inner join {{ source('tpch', 'nation') }} as nation
        on supplier.s_nationkey = nation.n_nationkey
    where nation.n_name = 'GERMANY'
),

raw_answer as (
    select
        part_id,
        sum(stock_value) as stock_value
    from german_stock
    group by part_id
    having sum(stock_value) > (select sum(all_stock.stock_value) * 0.0001 from german_stock as all_stock)
),

mart_answer as (
    {{ tpch_q11_from_marts(ordered=false) }}
),

{{ compare_answers('raw_answer', 'mart_answer') }}
