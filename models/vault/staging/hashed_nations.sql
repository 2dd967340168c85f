{{ vault_stage(
    base=ref('stg_tpch__nations'),
    record_source='nation',
    hash_keys={
        'nation_hk': ['nation_id'],
        'region_hk': ['region_id'],
        'nation_region_hk': ['nation_id', 'region_id']
    },
    hashdiffs={
        'nation_details_hashdiff': ['nation_name', 'nation_comment']
    }
) }}
