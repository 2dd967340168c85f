{{ vault_link(
    hash_key='customer_nation_hk',
    hub_keys=['customer_hk', 'nation_hk'],
    sources=[
        ref('hashed_customers')
    ]
) }}
