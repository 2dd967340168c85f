{{ vault_satellite(
    hash_key='nation_hk',
    key_columns=['nation_id'],
    payload=[
        'nation_name',
        'nation_comment'
    ],
    sources=[
        vault_source('nation')
    ]
) }}
