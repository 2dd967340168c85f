"""The contract files and what they say: paths, loading, keys, SLAs, the feed kinds."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

CONTRACTS_DIR = Path("contracts")


PROJECT = "tpch_warehouse"


SUFFIX = ".odcs.yaml"


# dbt freshness periods for the contract's freshness units.
FRESHNESS_PERIODS = {
    "d": "day",
    "day": "day",
    "days": "day",
    "h": "hour",
    "hour": "hour",
    "hours": "hour",
    "m": "minute",
    "min": "minute",
    "minute": "minute",
    "minutes": "minute",
}


# Columns the dbt sources add while reading the files (hive partition, file name, and for the
# NDJSON feeds, read line by line, the line's number, text and whether it parses): not in the
# delivered data, so not in the source contracts.
READER_COLUMNS = ("load_date", "filename", "line_number", "raw_line", "is_json_object")


class ContractError(RuntimeError):
    """A contract is missing, invalid, inconsistent with dbt, or broken by a change."""


@dataclass(frozen=True)
class Finding:
    """One check of one contract: ``result`` is passed, warning, failed or error."""

    contract: str
    field: str
    rule: str
    observed: str
    result: str


# --------------------------------------------------------------------------- loading
def contract_paths(root: Path = CONTRACTS_DIR, kind: str | None = None) -> list[Path]:
    """Every ``*.odcs.yaml`` under ``root`` (or ``root/<kind>`` for kind marts/sources), sorted."""
    base = root / kind if kind else root
    return sorted(base.rglob(f"*{SUFFIX}"))


def load_contract(path: Path) -> dict[str, Any]:
    """The contract at ``path`` as a dict.

    Raises:
        ContractError: the file is not YAML or not a mapping.
    """
    try:
        data = yaml.safe_load(path.read_text())
    except (OSError, yaml.YAMLError) as exc:
        raise ContractError(f"cannot read contract {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise ContractError(f"contract {path} is not a YAML mapping")
    return data


def contract_kind(contract: dict[str, Any]) -> str:
    server = (contract.get("servers") or [{}])[0]
    return "mart" if server.get("type") == "duckdb" else "source"


def schema_object(contract: dict[str, Any]) -> dict[str, Any]:
    objects = contract.get("schema") or []
    if len(objects) != 1:
        raise ContractError(f"contract {contract.get('id')}: expected one schema object, got {len(objects)}")
    return objects[0]


def primary_key(obj: dict[str, Any]) -> list[str]:
    """The schema object's primary-key columns in primaryKeyPosition order."""
    keyed = [p for p in obj.get("properties") or [] if p.get("primaryKey")]
    return [p["name"] for p in sorted(keyed, key=lambda p: p.get("primaryKeyPosition") or 0)]


def sla(contract: dict[str, Any], name: str) -> dict[str, Any] | None:
    """The contract's SLA property ``name`` (freshness, retention), or None."""
    return next((s for s in contract.get("slaProperties") or [] if s.get("property") == name), None)


def is_base_extract(contract: dict[str, Any]) -> bool:
    """True for a source contract marked with customProperty ``baseExtract``: a one-time full
    snapshot kept current by the CDC feeds, so it has no freshness SLA (its age grows by
    design); every other source contract must have one."""
    return any(
        c.get("property") == "baseExtract" and c.get("value") in (True, "true")
        for c in contract.get("customProperties") or []
    )


def requires_cdc_feed(contract: dict[str, Any]) -> bool:
    """True when the contract's customProperties mark it ``requiresCdcFeed`` (data only after
    the first CDC day has landed)."""
    return any(
        c.get("property") == "requiresCdcFeed" and c.get("value") is True
        for c in contract.get("customProperties") or []
    )
