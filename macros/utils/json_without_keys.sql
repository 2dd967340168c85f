{% macro json_without_keys(json_expression, keys) -%}
    {#- The JSON object json_expression without the top-level keys in keys, as JSON text;
        NULL when nothing is left (or the input is NULL). Used to keep the fields of a row
        image that no model knows (schema drift). Dispatched: JSON editing differs per
        engine. -#}
    {{ return(adapter.dispatch('json_without_keys')(json_expression, keys)) }}
{%- endmacro %}

{% macro default__json_without_keys(json_expression, keys) -%}
    {{ exceptions.raise_compiler_error("json_without_keys has no implementation for adapter '" ~ adapter.type() ~ "'") }}
{%- endmacro %}

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

{% macro postgres__json_without_keys(json_expression, keys) -%}
    nullif(
        cast(cast({{ json_expression }} as jsonb)
            {%- if keys %} - array[{% for key in keys %}'{{ key }}'{% if not loop.last %}, {% endif %}{% endfor %}]{% endif %} as text),
        '{}'
    )
{%- endmacro %}

{% macro spark__json_without_keys(json_expression, keys) -%}
    nullif(
        to_json(map_filter(
            from_json({{ json_expression }}, 'map<string, string>'),
            (k, v) -> not array_contains(array({% for key in keys %}'{{ key }}'{% if not loop.last %}, {% endif %}{% endfor %}), k)
        )),
        '{}'
    )
{%- endmacro %}
