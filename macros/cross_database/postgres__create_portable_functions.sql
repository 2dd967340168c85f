{% macro postgres__create_portable_functions() -%}
    create schema if not exists {{ target.schema }};
    do $$
    begin
        -- DuckDB's type names in the contracts (data_type): a 128-bit integer and a double.
        if to_regtype('public.hugeint') is null then
            create domain public.hugeint as numeric(38, 0);
        end if;
        if to_regtype('public.double') is null then
            create domain public.double as double precision;
        end if;
    end
    $$;
    create or replace function {{ target.schema }}.safe_cast_text(value text, target anyelement)
    returns anyelement
    language plpgsql immutable parallel safe
    as $$
    begin
        execute format('select cast(%L as %s)', value, pg_typeof(target)) into target;
        return target;
    exception when others then
        return null;
    end
    $$
{%- endmacro %}
