{% macro vault_stage_data_types(relations, columns) -%}
    {#- Column -> data type for the columns of relations whose type is exact (see
        vault_is_exact_text_type) in every one of them; others are left out, so they are
        hashed as text. Empty at parse time and when a relation does not exist yet: the text
        path gives the same hash for exact types, only more slowly. Read only when dbt runs
        models (run, build, retry): compile, docs generate and show on the locked-down serving
        target must not bind the staging views over raw files. -#}
    {%- set types = {} -%}
    {%- if execute and flags.WHICH in ('run', 'build', 'retry') -%}
        {%- set seen = {} -%}
        {%- for relation in relations -%}
            {%- for column in adapter.get_columns_in_relation(relation) -%}
                {%- do seen.setdefault(column.name | lower, []).append(column.data_type) -%}
            {%- endfor -%}
        {%- endfor -%}
        {%- for column in columns -%}
            {%- set found = seen.get(column | lower, []) -%}
            {%- set exact = [] -%}
            {%- for data_type in found if vault_is_exact_text_type(data_type) -%}
                {%- do exact.append(data_type) -%}
            {%- endfor -%}
            {%- if found and exact | length == found | length and found | length == relations | length -%}
                {%- do types.update({column: found[0]}) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(types) }}
{%- endmacro %}
