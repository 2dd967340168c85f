{{ order_events_staged(source('cdc', 'orders')) }}
