{% macro duckdb__json_without_keys(json_expression, keys) -%}
    {#- JSON merge patch (RFC 7386): a key patched with null is removed. -#}
    {%- set parts = [] -%}
    {%- for key in keys -%}
        {%- do parts.append('"' ~ key ~ '": null') -%}
    {%- endfor -%}
    {%- set patch = '{' ~ (parts | join(', ')) ~ '}' -%}
    {#- (json_merge_patch of NULL returns the patch itself, hence the CASE.) -#}
    case
        when {{ json_expression }} is not null
            then nullif(cast(json_merge_patch({{ json_expression }}, '{{ patch }}') as varchar), '{}')
    end
{%- endmacro %}
