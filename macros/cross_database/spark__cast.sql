{% macro spark__cast(field, type) -%}
    {#- Spark implementation of dbt.cast, which dbt also uses to type the empty schema that
        checks a model contract and the columns of unit-test fixtures. The contracts declare
        DuckDB's type names; the two Spark spells differently are translated: VARCHAR (Spark
        has no VARCHAR without a length) is STRING, HUGEINT (128-bit integer) is
        DECIMAL(38, 0). Every other type name is the same on both. -#}
    {%- set name = type | string | trim | lower -%}
    {%- if name in ['varchar', 'text', 'character varying'] -%}
        {%- set type = 'string' -%}
    {%- elif name == 'hugeint' -%}
        {%- set type = 'decimal(38, 0)' -%}
    {%- endif -%}
    cast({{ field }} as {{ type }})
{%- endmacro %}
