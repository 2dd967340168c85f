{% macro repair_rolls_back() -%}
    {#- True when the node being built is repaired by rollback: an insert-only history
        model (config meta.repair = 'rollback', the raw vault) during a repair. -#}
    {{ return(repair_from_load_date() is not none
              and (config.get('meta') or {}).get('repair') == 'rollback') }}
{%- endmacro %}
