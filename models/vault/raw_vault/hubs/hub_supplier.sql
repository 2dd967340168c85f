{{ vault_hub(
    hash_key='supplier_hk',
    business_key='supplier_id',
    sources=[
        vault_source('supplier'),
        vault_source('supplier', cdc=true),
        vault_source('partsupp'),
        vault_source('lineitem'),
        vault_source('lineitem', cdc=true)
    ]
) }}
