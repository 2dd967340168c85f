{% macro cdc_key_text(columns, relation_alias=none) -%}
    {#- A business key as one text value, its columns cast to text and joined by '-' (e.g.
        '155-3' for a partsupp offer): the common key of the two CDC feeds' comparison. -#}
    {%- set prefix = relation_alias ~ '.' if relation_alias else '' -%}
    {%- set parts = [] -%}
    {%- for column in columns -%}
        {%- if not loop.first %}{% do parts.append("'-'") %}{% endif -%}
        {%- do parts.append('cast(' ~ prefix ~ column ~ ' as ' ~ dbt.type_string() ~ ')') -%}
    {%- endfor -%}
    {{ dbt.concat(parts) if parts | length > 1 else parts[0] }}
{%- endmacro %}
