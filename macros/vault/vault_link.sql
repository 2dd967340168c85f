{% macro vault_link(hash_key, hub_keys, sources, dependent_keys=[]) -%}
    {#- A link: one row per distinct relationship (combination of hub keys and dependent
        child keys) ever seen, insert-only. hub_keys: the hubs' hash-key columns, in the
        link's hash order. -#}
    {{ vault_first_sightings(hash_key, [hash_key] + hub_keys + dependent_keys, sources, required_columns=[]) }}
{%- endmacro %}
