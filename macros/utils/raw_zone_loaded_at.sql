{% macro raw_zone_loaded_at(load_date_column=none, landings=none) -%}
    {#- The marts' loaded_at: when the raw data a row was built from landed (UTC), from
        int_raw_zone_landings. With load_date_column (a CDC load date, NULL for rows the
        base extract alone explains), the landing of that day's CDC partition, else the
        base extract's landing; without it, the newest landing of any feed the build
        read (the "data as of" of tables rebuilt in full). A scalar expression. landings:
        another relation (or CTE) with the columns of int_raw_zone_landings (the speed
        layer's, which adds the partitions landed since the build). -#}
    {%- set landings = landings if landings is not none else ref('int_raw_zone_landings') -%}
    {%- if load_date_column is none -%}
        (select max(landings.loaded_at) from {{ landings }} as landings)
    {%- else -%}
        coalesce(
            (
                select max(landings.loaded_at) from {{ landings }} as landings
                where landings.source_system = 'cdc' and landings.load_date = {{ load_date_column }}
            ),
            (
                select max(landings.loaded_at) from {{ landings }} as landings
                where landings.source_system = 'tpch'
            )
        )
    {%- endif -%}
{%- endmacro %}
