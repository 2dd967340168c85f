"""The contracts against the dbt project (``target/manifest.json``): columns, types,
constraints, access, group, source freshness."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from warehouse.contracts.model import (
    CONTRACTS_DIR,
    FRESHNESS_PERIODS,
    PROJECT,
    READER_COLUMNS,
    contract_kind,
    contract_paths,
    is_base_extract,
    load_contract,
    primary_key,
    schema_object,
    sla,
)


# --------------------------------------------------------------------------- dbt consistency
def _norm_type(text: str | None) -> str:
    return "".join((text or "").upper().split())


def expected_dbt_model(contract: dict[str, Any]) -> dict[str, Any]:
    """What the dbt YAML of a mart must say for this contract: config (access, group,
    contract), constraints and columns (name, data_type, constraints, description)."""
    obj = schema_object(contract)
    pk = primary_key(obj)
    columns = []
    for prop in obj.get("properties") or []:
        constraints = []
        if prop.get("required") or prop["name"] in pk:
            constraints.append({"type": "not_null"})
        if pk == [prop["name"]]:
            constraints.append({"type": "primary_key"})
        columns.append(
            {
                "name": prop["name"],
                "data_type": prop.get("physicalType"),
                "constraints": constraints,
                "description": prop.get("description"),
            }
        )
    model_constraints = [{"type": "primary_key", "columns": pk}] if len(pk) > 1 else []
    team = contract.get("team") or {}
    return {
        "name": obj.get("physicalName") or obj["name"],
        "access": "public",
        "group": team.get("name") if isinstance(team, dict) else None,
        "contract": {"enforced": True},
        "constraints": model_constraints,
        "columns": columns,
    }


def _model_node(manifest: dict[str, Any], schema: str, relation: str) -> dict[str, Any] | None:
    for node in manifest["nodes"].values():
        if node.get("resource_type") == "model" and node.get("schema") == schema and node.get("alias") == relation:
            return node
    return None


def dbt_mismatches(contract: dict[str, Any], manifest: dict[str, Any]) -> list[str]:
    """Every difference between a contract and the dbt project, one message each (empty when
    consistent). ``manifest`` is dbt's ``target/manifest.json`` as a dict."""
    cid = contract.get("id", "?")
    if contract_kind(contract) == "source":
        return _source_mismatches(contract, manifest)
    server = contract["servers"][0]
    want = expected_dbt_model(contract)
    node = _model_node(manifest, server.get("schema"), want["name"])
    if node is None:
        return [f"{cid}: no dbt model builds {server.get('schema')}.{want['name']}"]
    where = f"{cid} vs dbt model {node['name']}" + (f" v{node['version']}" if node.get("version") else "")
    out = []
    config = node["config"]
    if not config.get("contract", {}).get("enforced"):
        out.append(f"{where}: dbt model contract is not enforced (config contract.enforced: true)")
    if node.get("access") != "public":
        out.append(f"{where}: access is {node.get('access')!r}, the contract publishes it: access: public")
    if node.get("group") != want["group"]:
        out.append(f"{where}: group is {node.get('group')!r}, the contract's team is {want['group']!r}")
    have_cols = list(node["columns"].values())
    have_names = [c["name"] for c in have_cols]
    want_names = [c["name"] for c in want["columns"]]
    for name in want_names:
        if name not in have_names:
            out.append(f"{where}: column {name} is in the contract but not in the dbt YAML")
    for name in have_names:
        if name not in want_names:
            out.append(f"{where}: column {name} is in the dbt YAML but not in the contract")
    common_have = [n for n in have_names if n in want_names]
    common_want = [n for n in want_names if n in have_names]
    if common_have != common_want:
        out.append(f"{where}: column order differs: dbt {common_have}, contract {common_want}")
    by_name = {c["name"]: c for c in have_cols}
    for col in want["columns"]:
        have = by_name.get(col["name"])
        if have is None:
            continue
        if _norm_type(have.get("data_type")) != _norm_type(col["data_type"]):
            out.append(
                f"{where}: column {col['name']}: dbt data_type {have.get('data_type')!r}, "
                f"contract physicalType {col['data_type']!r}"
            )
        have_types = sorted(c["type"] for c in have.get("constraints") or [])
        want_types = sorted(c["type"] for c in col["constraints"])
        if have_types != want_types:
            out.append(f"{where}: column {col['name']}: dbt constraints {have_types}, contract implies {want_types}")
    have_pk = [c.get("columns") for c in node.get("constraints") or [] if c["type"] == "primary_key"]
    want_pk = [c["columns"] for c in want["constraints"]]
    if have_pk != want_pk:
        out.append(f"{where}: model primary_key constraint {have_pk}, contract primaryKey {want_pk}")
    return out


def _source_mismatches(contract: dict[str, Any], manifest: dict[str, Any]) -> list[str]:
    cid = contract.get("id", "?")
    obj = schema_object(contract)
    source_name = next(
        (c["value"] for c in contract.get("customProperties") or [] if c.get("property") == "dbtSource"), None
    )
    key = f"source.{PROJECT}.{source_name}.{obj['name']}"
    node = manifest["sources"].get(key)
    if node is None:
        return [f"{cid}: no dbt source {source_name}.{obj['name']}"]
    where = f"{cid} vs dbt source {source_name}.{obj['name']}"
    out = []
    want_names = [p["name"] for p in obj.get("properties") or []]
    have_names = [c for c in node["columns"] if c not in READER_COLUMNS]
    if want_names != have_names:
        out.append(f"{where}: columns differ: dbt {have_names}, contract {want_names}")
    fresh = sla(contract, "freshness")
    have = (node.get("freshness") or {}).get("error_after") or {}
    if is_base_extract(contract):
        if fresh is not None:
            out.append(f"{where}: a base extract (customProperty baseExtract) has no freshness SLA")
        if have.get("count") is not None:
            out.append(f"{where}: freshness error_after is set on a base extract, which has no freshness SLA")
        return out
    if fresh is None:
        out.append(f"{where}: the contract has no freshness SLA")
        return out
    want = {"count": int(fresh["value"]), "period": FRESHNESS_PERIODS.get(str(fresh.get("unit", "d")).lower())}
    if {"count": have.get("count"), "period": have.get("period")} != want:
        out.append(
            f"{where}: freshness error_after is {have.get('count')} {have.get('period')}, "
            f"the contract's freshness SLA is {want['count']} {want['period']}"
        )
    if have.get("count") is not None and (node.get("freshness") or {}).get("warn_after", {}).get("count"):
        out.append(f"{where}: warn_after is set; the contract defines one threshold (error_after)")
    field = str(fresh.get("element", "")).split(".")[-1]
    if node.get("loaded_at_field") != field:
        out.append(f"{where}: loaded_at_field is {node.get('loaded_at_field')!r}, the SLA element is {field!r}")
    return out


def check_project(manifest: dict[str, Any], root: Path = CONTRACTS_DIR) -> list[str]:
    """All contract/dbt mismatches of the project, plus every public mart without a contract."""
    contracts = [load_contract(p) for p in contract_paths(root)]
    out = [m for c in contracts for m in dbt_mismatches(c, manifest)]
    covered = {
        (c["servers"][0].get("schema"), expected_dbt_model(c)["name"]) for c in contracts if contract_kind(c) == "mart"
    }
    for node in manifest["nodes"].values():
        if (
            node.get("resource_type") == "model"
            and node.get("schema") == "marts"
            and (node["schema"], node["alias"]) not in covered
        ):
            out.append(f"dbt model {node['name']} (marts.{node['alias']}) has no contract in {root}/marts")
    return out
