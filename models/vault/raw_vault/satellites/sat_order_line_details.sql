{{ vault_satellite(
    hash_key='order_line_hk',
    key_columns=['order_id', 'part_id', 'supplier_id', 'line_number'],
    payload=[
        'quantity',
        'extended_price',
        'discount_rate',
        'tax_rate',
        'return_flag',
        'line_status',
        'ship_date',
        'commit_date',
        'receipt_date',
        'ship_instruction',
        'ship_mode',
        'line_comment'
    ],
    sources=[
        vault_source('lineitem'),
        vault_source('lineitem', cdc=true, where="operation <> 'd'")
    ]
) }}
