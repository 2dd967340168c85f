{% macro spark__json_without_keys(json_expression, keys) -%}
    nullif(
        to_json(map_filter(
            from_json({{ json_expression }}, 'map<string, string>'),
            (k, v) -> not array_contains(array({% for key in keys %}'{{ key }}'{% if not loop.last %}, {% endif %}{% endfor %}), k)
        )),
        '{}'
    )
{%- endmacro %}
