{{ vault_link(
    hash_key='order_customer_hk',
    references=[
        ('order_hk', 'order_id'),
        ('customer_hk', 'customer_id')
    ],
    sources=[
        vault_source('orders'),
        vault_source('orders', cdc=true)
    ]
) }}
