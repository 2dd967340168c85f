{{ vault_satellite(
    hash_key='supplier_hk',
    key_columns=['supplier_id'],
    payload=[
        'supplier_name',
        'address',
        'nation_id',
        'phone',
        'account_balance',
        'supplier_comment'
    ],
    sources=[
        vault_source('supplier'),
        vault_source('supplier', cdc=true, where="operation <> 'd'")
    ]
) }}
