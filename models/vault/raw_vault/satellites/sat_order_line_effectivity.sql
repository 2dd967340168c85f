{{ vault_satellite(
    source=ref('hashed_line_items'),
    hash_key='order_line_hk',
    hashdiff='order_line_effectivity_hashdiff',
    payload=[
        'is_active'
    ]
) }}
