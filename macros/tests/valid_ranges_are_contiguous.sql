{% test valid_ranges_are_contiguous(model, partition_by, valid_from='valid_from', valid_to='valid_to', open_end="cast('9999-12-31' as timestamp)") %}
{#- SCD type 2 validity check: per key (partition_by), ordered by valid_from, each
    version ends exactly where the next begins (no gap, no overlap), every range is
    non-empty, and only the last version is open (valid_to = open_end), so there is exactly
    one current row. Returns each offending version. partition_by: a column, or a list of
    columns for a composite key. -#}
{%- set keys = [partition_by] if partition_by is string else partition_by %}
with

ordered as (
    select
        {{ keys | join(', ') }},
        {{ valid_from }} as range_start,
        {{ valid_to }} as range_end,
        lead({{ valid_from }}) over (
            partition by {{ keys | join(', ') }} order by {{ valid_from }}
        ) as next_range_start
    from {{ model }}
)

select *
from ordered
where
    range_end <= range_start
    or (next_range_start is not null and range_end <> next_range_start)
    or (next_range_start is null and range_end <> {{ open_end }})
{% endtest %}
