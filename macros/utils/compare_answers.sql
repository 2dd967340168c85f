{% macro compare_answers(raw_answer, mart_answer) -%}
    {#- Body of a singular test that two CTEs already defined in the test hold the same
        answer. Returns one row per kind of mismatch (none when equal): rows only in the
        raw answer, rows only in the mart answer, different row counts (duplicates), or an
        empty raw answer (which would make the comparison vacuous). -#}
raw_only as (
    select * from {{ raw_answer }}
    {{ dbt.except() }}
    select * from {{ mart_answer }}
),

mart_only as (
    select * from {{ mart_answer }}
    {{ dbt.except() }}
    select * from {{ raw_answer }}
),

row_counts as (
    select
        (select count(*) from {{ raw_answer }}) as raw_rows,
        (select count(*) from {{ mart_answer }}) as mart_rows
),

mismatches as (
    select
        'rows only in the raw answer' as mismatch,
        count(*) as mismatched_rows
    from raw_only
    having count(*) > 0

    union all

    select
        'rows only in the mart answer' as mismatch,
        count(*) as mismatched_rows
    from mart_only
    having count(*) > 0

    union all

    select
        'row counts differ' as mismatch,
        raw_rows - mart_rows as mismatched_rows
    from row_counts
    where raw_rows <> mart_rows

    union all

    select
        'raw answer is empty: the comparison would prove nothing' as mismatch,
        0 as mismatched_rows
    from row_counts
    where raw_rows = 0
)

select * from mismatches
{%- endmacro %}
