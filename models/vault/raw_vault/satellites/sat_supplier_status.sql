{{ vault_satellite(
    hash_key='supplier_hk',
    key_columns=['supplier_id'],
    payload=[
        'is_deleted'
    ],
    sources=[
        vault_source('supplier', columns={'is_deleted': 'false'}),
        vault_source('supplier', cdc=true, columns={'is_deleted': "operation = 'd'"})
    ]
) }}
