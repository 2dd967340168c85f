{{ vault_satellite(
    hash_key='order_line_hk',
    key_columns=['order_id', 'part_id', 'supplier_id', 'line_number'],
    payload=[
        'is_active'
    ],
    sources=[
        vault_source('lineitem', columns={'is_active': 'true'}),
        vault_source('lineitem', cdc=true, columns={'is_active': "operation <> 'd'"})
    ]
) }}
