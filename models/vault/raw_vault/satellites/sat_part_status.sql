{{ vault_satellite(
    hash_key='part_hk',
    key_columns=['part_id'],
    payload=[
        'is_deleted'
    ],
    sources=[
        vault_source('part', columns={'is_deleted': 'false'}),
        vault_source('part', cdc=true, columns={'is_deleted': "operation = 'd'"})
    ]
) }}
