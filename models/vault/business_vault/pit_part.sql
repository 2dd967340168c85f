{{ vault_pit(
    hash_key='part_hk',
    hub='hub_part',
    satellites=['sat_part_details', 'sat_part_status']
) }}
