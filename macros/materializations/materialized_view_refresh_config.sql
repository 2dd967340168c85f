{% macro materialized_view_refresh_config() -%}
    {#- The refresh policy of the materialized_view model being built, from its config, with
        defaults; a compiler error names a missing setting. -#}
    {%- set key = config.get('refresh_key') -%}
    {%- set source = config.get('refresh_source') -%}
    {%- if not key or not source -%}
        {{ exceptions.raise_compiler_error(
            "materialized_view " ~ this ~ ": set refresh_key (the column whose groups are recomputed) "
            ~ "and refresh_source (the model whose new rows trigger a refresh) in its config") }}
    {%- endif -%}
    {#- The columns naming one row of the source: config refresh_source_unique_key, else the
        source model's own unique_key (an incremental fact's merge key). -#}
    {%- set found = namespace(unique_key=config.get('refresh_source_unique_key')) -%}
    {%- if not found.unique_key -%}
        {%- for node in graph.nodes.values() if node.resource_type == 'model' and node.name == source -%}
            {%- set found.unique_key = node.config.get('unique_key') -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if not found.unique_key -%}
        {{ exceptions.raise_compiler_error(
            "materialized_view " ~ this ~ ": set refresh_source_unique_key (the columns naming one row of "
            ~ source ~ "), or give " ~ source ~ " a unique_key") }}
    {%- endif -%}
    {{ return({
        'key': key,
        'source': source,
        'source_unique_key': [found.unique_key] if found.unique_key is string else found.unique_key,
        'source_key': config.get('refresh_source_key', key),
        'watermark': config.get('refresh_watermark', 'last_load_date'),
        'lookback_days': config.get('refresh_lookback_days', var('cdc_lookback_days')),
        'key_map': config.get('refresh_key_map'),
        'full_refresh_share': config.get('refresh_full_refresh_share',
                                         var('materialized_view_full_refresh_share', 0.5)),
    }) }}
{%- endmacro %}
