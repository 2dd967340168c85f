{% macro cdc_event_envelope(source_relation, include_before_image=false) -%}
    {#- Select list over a CDC source relation: the Debezium envelope typed once (lsn,
        operation, changed_at, load_date, source_file, loaded_at), the row image to read fields from
        (after, or before for deletes), the raw event text kept for quarantine and, with
        include_before_image, the before image as before_image. -#}
    select
        cast(source.lsn as {{ dbt.type_bigint() }}) as lsn,
        cast(op as {{ dbt.type_string() }}) as operation,
        {{ timestamp_from_epoch_ms('source.ts_ms') }} as changed_at,
        cast(load_date as date) as load_date,
        cast(filename as {{ dbt.type_string() }}) as source_file,
        cast(_loaded_at as {{ dbt.type_timestamp() }}) as loaded_at,
        case when op = 'd' then before else after end as row_image,
        cast(case when op = 'd' then before else after end as {{ dbt.type_string() }}) as raw_event
        {%- if include_before_image %},
        before as before_image
        {%- endif %}
    from {{ source_relation }}
{%- endmacro %}


{% macro cdc_field(field, data_type=none) -%}
    {#- A field of the row image, cast with dbt.safe_cast (NULL when it does not parse). -#}
    {%- if data_type is none -%}
        {{ json_text('row_image', field) }}
    {%- else -%}
        {{ dbt.safe_cast(json_text('row_image', field), data_type) }}
    {%- endif -%}
{%- endmacro %}


{% macro cdc_parse_check(field, data_type) -%}
    {#- A WHEN branch of a quarantine_reason CASE: the row image has a value for the field
        that does not cast to data_type -> 'unparseable date in <field>' (date types) or
        'unparseable number in <field>'. -#}
    {%- set kind = 'date' if data_type | lower == 'date' else 'number' -%}
    when {{ json_text('row_image', field) }} is not null and {{ cdc_field(field, data_type) }} is null
        then 'unparseable {{ kind }} in {{ field }}'
{%- endmacro %}


{% macro cdc_envelope_checks(key_fields) -%}
    {#- The first WHEN branches of a quarantine_reason CASE, shared by every CDC table:
        unknown operation, missing row image, missing (or unparseable) key field. -#}
    when operation is null or operation not in ('c', 'u', 'd', 'r') then 'unknown operation'
    when row_image is null then 'missing row image'
    {%- for field in key_fields %}
    when {{ cdc_field(field, dbt.type_bigint()) }} is null then 'missing key {{ field }}'
    {%- endfor %}
{%- endmacro %}


{% macro cdc_event_models() -%}
    {#- The CDC source tables and their staging models, as (source table, model name) pairs:
        the one list the quarantine model and the CDC reconciliation test iterate over. -#}
    {{ return([
        ('customer', 'stg_cdc__customer_events'),
        ('part', 'stg_cdc__part_events'),
        ('supplier', 'stg_cdc__supplier_events'),
        ('orders', 'stg_cdc__order_events'),
        ('lineitem', 'stg_cdc__line_item_events'),
    ]) }}
{%- endmacro %}
