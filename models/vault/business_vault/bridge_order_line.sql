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
    select * from {{ ref('sat_order_line_effectivity') }}
    where
        order_line_hk <> '{{ vault_zero_key() }}'
        and effective_from < (select latest_snapshot.snapshot_end_at from latest_snapshot)
),

-- Lines whose latest effectivity row at the snapshot is inactive (purged): few, so the
-- bridge is the link minus these, without ranking every line's rows.
inactive_lines as (
    select deactivations.order_line_hk
    from line_effectivity as deactivations
    where
        not deactivations.is_active
        and not exists (
            select 1 from line_effectivity as later_rows
            where
                later_rows.order_line_hk = deactivations.order_line_hk
                and later_rows.effective_from > deactivations.effective_from
        )
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
    left join part_suppliers
        on
            order_lines.part_hk = part_suppliers.part_hk
            and order_lines.supplier_hk = part_suppliers.supplier_hk
    cross join latest_snapshot
    where order_lines.order_line_hk not in (select inactive_lines.order_line_hk from inactive_lines)
)

select * from bridge
