{{ vault_link(
    hash_key='order_line_hk',
    hub_keys=['order_hk', 'part_hk', 'supplier_hk'],
    dependent_keys=['line_number'],
    sources=[
        ref('hashed_line_items')
    ]
) }}
