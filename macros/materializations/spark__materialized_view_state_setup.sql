{% macro spark__materialized_view_state_setup() -%}
    {#- Spark keeps no refresh log: its materialized_view materialization recomputes the
        view whole on every run (see it), so there is no watermark or membership to record. -#}
    select 1
{%- endmacro %}
