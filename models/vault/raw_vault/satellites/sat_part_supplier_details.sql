{{ vault_satellite(
    hash_key='part_supplier_hk',
    key_columns=['part_id', 'supplier_id'],
    payload=[
        'available_quantity',
        'supply_cost',
        'part_supplier_comment'
    ],
    sources=[
        vault_source('partsupp')
    ]
) }}
