{% macro live_overlay(live, batch, columns, keys, batch_filter=none) -%}
    {#- The speed layer's overlay: every row of `live` (recomputed since the batch) plus the
        rows of `batch` whose key `live` does not hold (and that pass batch_filter, a condition
        on alias batch_rows), with `columns` in that order from both. A query. -#}
    select
        {%- for column in columns %}
            live_rows.{{ column }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from {{ live }} as live_rows
    union all
    select
        {%- for column in columns %}
            batch_rows.{{ column }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from {{ batch }} as batch_rows
    where
        {%- if batch_filter %}
            {{ batch_filter }} and
        {%- endif %}
        not exists (
            select 1 from {{ live }} as overlaid
            where
                {%- for key in keys %}
                    overlaid.{{ key }} = batch_rows.{{ key }}{% if not loop.last %} and{% endif %}
                {%- endfor %}
        )
{%- endmacro %}
