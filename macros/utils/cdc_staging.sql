{% macro cdc_event_envelope(source_relation, include_before_image=false) -%}
    {#- Select list over a CDC source relation (one row per delivered line): the Debezium
        envelope typed once (lsn, operation, changed_at, load_date, source_file,
        source_line_number,
        loaded_at), is_json_object, the row image to read fields from (after, or before for
        deletes), the raw text kept for quarantine (the row image, or the whole line when it
        has none) and, with include_before_image, the before image as before_image. -#}
    select
        cast(source.lsn as {{ dbt.type_bigint() }}) as lsn,
        cast(op as {{ dbt.type_string() }}) as operation,
        {{ timestamp_from_epoch_ms('source.ts_ms') }} as changed_at,
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


{% macro cdc_field(field, data_type=none) -%}
    {#- A field of the row image, cast with dbt.safe_cast (NULL when it does not parse). -#}
    {%- if data_type is none -%}
        {{ json_text('row_image', field) }}
    {%- else -%}
        {{ dbt.safe_cast(json_text('row_image', field), data_type) }}
    {%- endif -%}
{%- endmacro %}


{% macro cdc_parse_check(field, data_type) -%}
    {#- A WHEN branch of a validation_reason CASE: the row image has a value for the field
        that does not cast to data_type -> 'unparseable date in <field>' (date types) or
        'unparseable number in <field>'. -#}
    {%- set kind = 'date' if data_type | lower == 'date' else 'number' -%}
    when {{ json_text('row_image', field) }} is not null and {{ cdc_field(field, data_type) }} is null
        then 'unparseable {{ kind }} in {{ field }}'
{%- endmacro %}


{% macro cdc_envelope_checks(key_fields) -%}
    {#- The first WHEN branches of a validation_reason CASE, shared by every CDC table:
        a line that is not a JSON object, missing or non-numeric lsn or commit time
        (source.ts_ms), missing or unparseable _loaded_at, unknown operation, missing row
        image, missing (or unparseable) key field. -#}
    when not is_json_object then 'malformed JSON line'
    when lsn is null then 'missing or non-numeric lsn'
    when changed_at is null then 'missing or non-numeric source.ts_ms'
    when loaded_at is null then 'missing or unparseable _loaded_at'
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


{% macro cdc_event_keys() -%}
    {#- Per CDC source table: the base-extract staging model and the business-key columns of
        both (the same names), as {table: {'base': model, 'keys': [columns]}}; used to find
        deletes of keys that never existed (int_cdc_events_quarantined). -#}
    {{ return({
        'customer': {'base': 'stg_tpch__customers', 'keys': ['customer_id']},
        'part': {'base': 'stg_tpch__parts', 'keys': ['part_id']},
        'supplier': {'base': 'stg_tpch__suppliers', 'keys': ['supplier_id']},
        'orders': {'base': 'stg_tpch__orders', 'keys': ['order_id']},
        'lineitem': {'base': 'stg_tpch__line_items', 'keys': ['order_id', 'line_number']},
    }) }}
{%- endmacro %}


{% macro cdc_conflicting_duplicates(relation, key_columns) -%}
    {#- Select list over a typed CDC relation with validation_reason (why the event alone
        cannot be applied): every column plus quarantine_reason, which is validation_reason or,
        for a valid event, 'conflicting duplicate' when another valid copy of the same
        (key_columns, lsn) carries a different payload (operation, commit time or row image).
        At-least-once delivery repeats an event byte for byte, so identical copies are
        duplicates (deduplicated downstream); copies that differ mean the log was altered or
        forged, and no copy is applied: all are quarantined and the test
        assert_no_conflicting_cdc_duplicates fails the build. Copies that fail validation (a
        corrupted retransmission) keep their own reason and never make a conflict. Only events
        within the replay cutoff (cdc_within_cutoff) are compared, so a day's replay sees what
        that day saw. -#}
    {%- set payload -%}
        case
            when validation_reason is null and {{ cdc_within_cutoff() }}
                then {{ dbt.concat([
                    'operation', "'|'", 'cast(changed_at as ' ~ dbt.type_string() ~ ')', "'|'", 'raw_event'
                ]) }}
        end
    {%- endset %}
    {%- set copies -%}
        partition by {% for key in key_columns %}{{ key }}, {% endfor %}lsn
    {%- endset %}
    select
        *,
        coalesce(
            validation_reason,
            case
                when
                    {{ cdc_within_cutoff() }}
                    and min({{ payload }}) over ({{ copies }}) <> max({{ payload }}) over ({{ copies }})
                    then 'conflicting duplicate'
            end
        ) as quarantine_reason
    from {{ relation }}
{%- endmacro %}


{% macro cdc_extra_fields(known_fields) -%}
    {#- The row image's fields that are not in known_fields (schema drift: the source added
        a column), as a JSON object in text; NULL when there are none. known_fields are the
        columns of the source table as the staging model knows them (those of the base
        extract's table, sources tpch.<table>); promoting a new column adds it there. -#}
    {{ json_without_keys('row_image', known_fields) }}
{%- endmacro %}
