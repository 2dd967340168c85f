{{ vault_hub(
    hash_key='nation_hk',
    business_key='nation_id',
    sources=[
        ref('hashed_nations'),
        ref('hashed_customers'),
        ref('hashed_suppliers')
    ]
) }}
