{% macro cdc_event_envelope(source_relation, include_before_image=false) -%}
    {#- Select list over a CDC source relation (one row per delivered line): the Debezium
        envelope typed once (lsn, operation, changed_at, load_date, source_file,
        source_line_number,
        loaded_at), is_json_object, the row image to read fields from (after, or before for
        deletes), the raw text kept for quarantine (the row image, or the whole line when it
        has none) and, with include_before_image, the before image as before_image. -#}
    select
        cast({{ record_field("source", "lsn") }} as {{ dbt.type_bigint() }}) as lsn,
        cast(op as {{ dbt.type_string() }}) as operation,
        {{ timestamp_from_epoch_ms(record_field("source", "ts_ms")) }} as changed_at,
        cast(load_date as date) as load_date,
        cast(filename as {{ dbt.type_string() }}) as source_file,
        cast(line_number as {{ dbt.type_bigint() }}) as source_line_number,
        is_json_object,
        cast(_loaded_at as {{ dbt.type_timestamp() }}) as loaded_at,
        case when op = 'd' then before else after end as row_image,
        coalesce(
            cast(case when op = 'd' then before else after end as {{ dbt.type_string() }}),
            raw_line
        ) as raw_event
        {%- if include_before_image %},
        before as before_image
        {%- endif %}
    from {{ source_relation }}
{%- endmacro %}
