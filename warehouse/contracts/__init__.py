"""Data contracts: ODCS v3.1 YAML in ``contracts/``, enforced on the dbt project and the warehouse.

Layout::

    contracts/marts/<relation>.odcs.yaml        one per published data product in schema marts
    contracts/sources/<source>_<table>.odcs.yaml one per raw source feed (TPC-H base, CDC)

The contracts are the source of truth. One module per concern (the names below are
re-exported here, so ``from warehouse import contracts; contracts.lint(...)`` is the API):

* :mod:`.model`: the files and what they say (paths, keys, SLAs, feed kinds);
* :mod:`.lint`: ODCS schema and datacontract-cli lint;
* :mod:`.dbt_check`: the contracts against the dbt project;
* :mod:`.sync`: the contracts written into the dbt YAML;
* :mod:`.audit`: ``datacontract test`` on the warehouse and raw zone (Write-Audit-Publish);
* :mod:`.breaking`: breaking changes against a git revision;
* :mod:`.scaffold`: a first contract for a new mart.

From them:

* :func:`dbt_mismatches` checks the dbt project (``target/manifest.json``): every mart has an
  enforced model contract, ``access: public``, the contract's group, the same columns in the
  same order with the same data types, ``not_null`` constraints where the contract says
  ``required`` and ``primary_key`` where it says ``primaryKey``; every source table has the
  contract's columns and its freshness threshold (``error_after``) and ``loaded_at_field``.
  :func:`sync_dbt_yaml` writes those settings into the dbt YAML, so the two cannot drift.
* :func:`test_contracts` runs ``datacontract test`` (datacontract-cli) on each contract against
  the built warehouse (marts) or the raw zone (sources) and returns one :class:`Finding` per
  check: schema, quality rules and the ``freshness`` SLA.
* :func:`breaking_changes` compares a contract with an earlier version of itself (git) with
  datacontract-cli's breaking-change rules and fails on breaking changes unless the major
  version was bumped.
"""

from warehouse.contracts.audit import (
    DBT_CHECKED,
    PARQUET_TYPES_UNCHECKED,
    AuditWindow,
    accepted_lines_zone,
    failed,
    format_findings,
    ndjson_lines,
    test_contracts,
    window_columns,
    windowed_quality_queries,
)
from warehouse.contracts.breaking import breaking_against, breaking_changes, git_show
from warehouse.contracts.dbt_check import check_project, dbt_mismatches, expected_dbt_model
from warehouse.contracts.lint import lint, lint_cache_dir, lint_text
from warehouse.contracts.model import (
    CONTRACTS_DIR,
    FRESHNESS_PERIODS,
    PROJECT,
    READER_COLUMNS,
    SUFFIX,
    ContractError,
    Finding,
    contract_kind,
    contract_paths,
    is_base_extract,
    load_contract,
    primary_key,
    requires_cdc_feed,
    schema_object,
    sla,
)
from warehouse.contracts.scaffold import dump_contract, logical_type, scaffold_mart
from warehouse.contracts.sync import sync_dbt_yaml

__all__ = [
    "AuditWindow",
    "CONTRACTS_DIR",
    "ContractError",
    "DBT_CHECKED",
    "FRESHNESS_PERIODS",
    "Finding",
    "PARQUET_TYPES_UNCHECKED",
    "PROJECT",
    "READER_COLUMNS",
    "SUFFIX",
    "accepted_lines_zone",
    "breaking_against",
    "breaking_changes",
    "check_project",
    "contract_kind",
    "contract_paths",
    "dbt_mismatches",
    "dump_contract",
    "expected_dbt_model",
    "failed",
    "format_findings",
    "git_show",
    "is_base_extract",
    "lint",
    "lint_cache_dir",
    "lint_text",
    "load_contract",
    "logical_type",
    "ndjson_lines",
    "primary_key",
    "requires_cdc_feed",
    "scaffold_mart",
    "schema_object",
    "sla",
    "sync_dbt_yaml",
    "test_contracts",
    "window_columns",
    "windowed_quality_queries",
]
