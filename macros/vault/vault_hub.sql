{% macro vault_hub(hash_key, business_key, sources) -%}
    {#- A hub: one row per business key ever seen in any of the hashed staging views,
        insert-only. -#}
    {{ vault_first_sightings(hash_key, [hash_key, business_key], sources, required_columns=[business_key]) }}
{%- endmacro %}
