{{ vault_pit(
    hash_key='customer_hk',
    hub='hub_customer',
    satellites=['sat_customer_details', 'sat_customer_status']
) }}
