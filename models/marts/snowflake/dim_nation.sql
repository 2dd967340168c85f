with

nations as (
    select * from {{ ref('int_nations_joined_to_regions') }}
),

nations_keyed as (
    select
        {{ integer_surrogate_key(['nation_id']) }} as nation_key,
        nation_id,
        nation_name,
        nation_iso_code,
        case
            when region_id is null then -1
            else {{ integer_surrogate_key(['region_id']) }}
        end as region_key
    from nations
),

unknown_member as (
    {{ unknown_member(
        keys=['nation_key', 'nation_id'],
        attributes={
            'nation_name': "'UNKNOWN'",
            'nation_iso_code': 'cast(null as ' ~ dbt.type_string() ~ ')',
            'region_key': '-1',
        },
        versioned=false,
    ) }}
),

final as (
    select * from nations_keyed
    union all
    select * from unknown_member
)

select * from final
