-- The TPC-H base extract is a full snapshot: the raw zone must hold exactly one load_date
-- of it per table, or staging would double count. Returns each table with another number.
{%- set tables = ['region', 'nation', 'supplier', 'customer', 'part', 'partsupp', 'orders', 'lineitem'] %}
with

load_dates as (
    {%- for table in tables %}
        select
            '{{ table }}' as source_table,
            count(distinct load_date) as load_dates
        from {{ source('tpch', table) }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
)

select *
from load_dates
where load_dates <> 1
