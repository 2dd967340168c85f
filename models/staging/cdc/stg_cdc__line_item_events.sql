{{ line_item_events_staged(source('cdc', 'lineitem')) }}
