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
