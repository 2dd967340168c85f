{% macro unknown_member(keys, attributes={}, versioned=true) -%}
    {#- The select of a dimension's unknown member row (Kimball): every key column -1, each
        attribute the SQL expression given for it, and for a type 2 dimension (versioned) the
        open validity window 1900-01-01 to 9999-12-31, current, not deleted. Columns come out
        in the order keys, attributes (dict order), validity columns: the dimension's own
        select list must use the same order, since the row is appended with union all. -#}
    select
    {%- for key in keys %}
        -1 as {{ key }}{{ ',' if not loop.last or attributes or versioned }}
    {%- endfor %}
    {%- for column, expression in attributes.items() %}
        {{ expression }} as {{ column }}{{ ',' if not loop.last or versioned }}
    {%- endfor %}
    {%- if versioned %}
        cast('1900-01-01' as {{ dbt.type_timestamp() }}) as valid_from,
        cast('9999-12-31' as {{ dbt.type_timestamp() }}) as valid_to,
        true as is_current,
        false as is_deleted
    {%- endif %}
{%- endmacro %}
