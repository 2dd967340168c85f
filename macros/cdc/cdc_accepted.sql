{% macro cdc_accepted(relation_alias=none) -%}
    {#- A condition on the rows of a CDC staging model: the event is applied. It passed
        staging's checks (quarantine_reason IS NULL), was delivered within the replay cutoff
        (cdc_within_cutoff), and is not one of the events that only the whole history shows
        to be bad: a delete of a key that never existed (no base-extract row, no earlier
        accepted create or update), which int_cdc_events_quarantined lists. The one
        definition of an accepted event, for the current-state models, the raw vault and
        the reconciliation tests. relation_alias qualifies the columns. -#}
    {%- set prefix = relation_alias ~ '.' if relation_alias else '' -%}
    {%- set line_key = dbt.concat([
        prefix ~ 'source_file', "'#'", 'cast(' ~ prefix ~ 'source_line_number as ' ~ dbt.type_string() ~ ')'
    ]) -%}
    {{ prefix }}quarantine_reason is null
    and {{ cdc_within_cutoff(prefix ~ 'load_date') }}
    and {{ line_key }} not in (
        select
            {{ dbt.concat([
                'unknown_key_deletes.source_file', "'#'",
                'cast(unknown_key_deletes.source_line_number as ' ~ dbt.type_string() ~ ')'
            ]) }}
        from {{ ref('int_cdc_events_quarantined') }} as unknown_key_deletes
        where unknown_key_deletes.quarantine_reason = 'delete of an unknown key'
    )
{%- endmacro %}
