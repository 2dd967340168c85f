{% macro vault_is_exact_text_type(data_type) -%}
    {#- True when a value of data_type has one canonical text with no blanks, no letters and
        none of the characters '|', '^', '\\': integers, decimals and dates. Their hash input
        is the cast alone; trimming, upper-casing and escaping would change nothing. -#}
    {%- set base_type = ((data_type or '') | lower).split('(')[0] | trim -%}
    {{ return(base_type in [
        'tinyint', 'smallint', 'integer', 'int', 'bigint', 'hugeint',
        'utinyint', 'usmallint', 'uinteger', 'ubigint', 'int2', 'int4', 'int8',
        'decimal', 'numeric', 'date'
    ]) }}
{%- endmacro %}
