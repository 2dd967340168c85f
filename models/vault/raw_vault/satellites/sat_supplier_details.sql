{{ vault_satellite(
    source=ref('hashed_suppliers'),
    hash_key='supplier_hk',
    hashdiff='supplier_details_hashdiff',
    payload=[
        'supplier_name',
        'address',
        'nation_id',
        'phone',
        'account_balance',
        'supplier_comment'
    ],
    where="operation <> 'd'"
) }}
