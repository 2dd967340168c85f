{{ vault_stage(
    base=ref('stg_tpch__regions'),
    record_source='region',
    hash_keys={
        'region_hk': ['region_id']
    },
    hashdiffs={
        'region_details_hashdiff': ['region_name', 'region_comment']
    }
) }}
