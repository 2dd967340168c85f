{{ vault_satellite(
    source=ref('hashed_line_items'),
    hash_key='order_line_hk',
    hashdiff='order_line_details_hashdiff',
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
    where="operation <> 'd'"
) }}
