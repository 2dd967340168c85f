with

latest_snapshot as (
    select
        snapshot_date,
        snapshot_end_at
    from {{ ref('control_snapshot_dates') }}
    where is_latest
),

order_lines as (
    select * from {{ ref('link_order_line') }}
),

part_suppliers as (
    select * from {{ ref('link_part_supplier') }}
),

line_effectivity as (
    select
        order_line_hk,
        is_active,
        row_number() over (
            partition by order_line_hk order by effective_from desc
        ) as recency
    from {{ ref('sat_order_line_effectivity') }}
    where
        order_line_hk <> '{{ vault_zero_key() }}'
        and effective_from < (select latest_snapshot.snapshot_end_at from latest_snapshot)
),

bridge as (
    select
        latest_snapshot.snapshot_date,
        order_lines.order_hk,
        order_lines.order_line_hk,
        order_lines.line_number,
        order_lines.part_hk,
        order_lines.supplier_hk,
        part_suppliers.part_supplier_hk
    from order_lines
    inner join line_effectivity
        on
            order_lines.order_line_hk = line_effectivity.order_line_hk
            and line_effectivity.recency = 1
            and line_effectivity.is_active
    left join part_suppliers
        on
            order_lines.part_hk = part_suppliers.part_hk
            and order_lines.supplier_hk = part_suppliers.supplier_hk
    cross join latest_snapshot
)

select * from bridge
