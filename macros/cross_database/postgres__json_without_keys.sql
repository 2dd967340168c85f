{% macro postgres__json_without_keys(json_expression, keys) -%}
    nullif(
        cast(cast({{ json_expression }} as jsonb)
            {%- if keys %} - array[{% for key in keys %}'{{ key }}'{% if not loop.last %}, {% endif %}{% endfor %}]{% endif %} as text),
        '{}'
    )
{%- endmacro %}
