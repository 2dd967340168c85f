{{ vault_link(
    hash_key='order_line_hk',
    references=[
        ('order_hk', 'order_id'),
        ('part_hk', 'part_id'),
        ('supplier_hk', 'supplier_id')
    ],
    dependent_keys=['line_number'],
    sources=[
        vault_source('lineitem'),
        vault_source('lineitem', cdc=true)
    ]
) }}
