{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key=['part_hk', 'snapshot_date']
    )
}}

{{ vault_pit(
    hash_key='part_hk',
    hub='hub_part',
    satellites=['sat_part_details', 'sat_part_status']
) }}
