{{ vault_hub(
    hash_key='nation_hk',
    business_key='nation_id',
    sources=[
        vault_source('nation'),
        vault_source('customer'),
        vault_source('customer', cdc=true),
        vault_source('supplier'),
        vault_source('supplier', cdc=true)
    ]
) }}
