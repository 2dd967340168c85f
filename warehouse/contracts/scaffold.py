"""A first contract for a new mart, scaffolded from the dbt manifest."""

from __future__ import annotations

from typing import Any

import yaml

from warehouse.contracts.model import PROJECT

# --------------------------------------------------------------------------- scaffolding
_LOGICAL = (
    ("DECIMAL", "number"),
    ("DOUBLE", "number"),
    ("FLOAT", "number"),
    ("BIGINT", "integer"),
    ("INTEGER", "integer"),
    ("SMALLINT", "integer"),
    ("HUGEINT", "integer"),
    ("TIMESTAMP", "timestamp"),
    ("DATE", "date"),
    ("BOOLEAN", "boolean"),
    ("VARCHAR", "string"),
    ("JSON", "object"),
    ("STRUCT", "object"),
)


def logical_type(physical: str) -> str:
    """ODCS logicalType for a DuckDB type name (DECIMAL(15,2) -> number, BIGINT -> integer …)."""
    upper = physical.upper()
    return next((logical for prefix, logical in _LOGICAL if upper.startswith(prefix)), "string")


def _tests_by_column(manifest: dict[str, Any], unique_id: str) -> dict[str | None, list[dict]]:
    out: dict[str | None, list[dict]] = {}
    for node in manifest["nodes"].values():
        if node.get("resource_type") != "test" or node.get("attached_node") != unique_id:
            continue
        meta = node.get("test_metadata") or {}
        if not meta:
            continue
        out.setdefault(node.get("column_name"), []).append(
            {"name": meta["name"], "kwargs": meta.get("kwargs") or {}, "where": node["config"].get("where")}
        )
    return out


def scaffold_mart(
    manifest: dict[str, Any], unique_id: str, physical: dict[str, str], primary_key_columns: list[str]
) -> dict[str, Any]:
    """A first ODCS contract for a mart from its dbt node and tests and the warehouse types.

    ``physical`` maps column -> DuckDB type (information_schema); required comes from an
    unconditional not_null test or constraint, unique from an unconditional unique test,
    relationships from relationships tests, PII (``meta.contains_pii``) becomes classification
    restricted, accepted_range and accepted_values tests become quality rules. Review and extend the result by hand.
    """
    node = manifest["nodes"][unique_id]
    relation = node["alias"]
    tests = _tests_by_column(manifest, unique_id)
    props = []
    for _position, (name, col) in enumerate(node["columns"].items(), 1):
        col_tests = tests.get(name, [])
        plain = {t["name"] for t in col_tests if not t["where"]}
        prop: dict[str, Any] = {
            "name": name,
            "logicalType": logical_type(physical[name]),
            "physicalType": physical[name],
            "description": " ".join((col.get("description") or "").split()),
            "required": (
                "not_null" in plain
                or name in primary_key_columns
                or any(c.get("type") == "not_null" for c in col.get("constraints") or [])
            ),
            "unique": "unique" in plain,
        }
        if name in primary_key_columns:
            prop["primaryKey"] = True
            prop["primaryKeyPosition"] = primary_key_columns.index(name) + 1
        prop["classification"] = "restricted" if (col.get("meta") or {}).get("contains_pii") else "internal"
        rels = []
        quality = []
        for t in col_tests:
            kw = t["kwargs"]
            if t["name"] == "relationships":
                to = str(kw.get("to", ""))
                target = to.split("'")[1] if "'" in to else to
                rels.append({"type": "foreignKey", "to": f"{target}.{kw.get('field')}"})
            elif t["name"] == "accepted_range":
                cond = []
                if kw.get("min_value") is not None:
                    cond.append(f"{name} < {kw['min_value']}")
                if kw.get("max_value") is not None:
                    cond.append(f"{name} > {kw['max_value']}")
                where = f" and ({t['where']})" if t["where"] else ""
                quality.append(
                    {
                        "name": f"{name}_in_range",
                        "description": f"{name} between {kw.get('min_value')} and {kw.get('max_value')}",
                        "type": "sql",
                        "dimension": "accuracy",
                        "query": f"select count(*) from {{object}} where ({' or '.join(cond)}){where}",
                        "mustBe": 0,
                    }
                )
            elif t["name"] == "accepted_values" and not t["where"]:
                quality.append(
                    {
                        "type": "library",
                        "metric": "invalidValues",
                        "arguments": {"validValues": list(kw.get("values") or [])},
                        "mustBe": 0,
                        "dimension": "conformity",
                    }
                )
        if rels:
            prop["relationships"] = rels
        if quality:
            prop["quality"] = quality
        props.append(prop)
    description = " ".join((node.get("description") or "").split())
    grain = description.split(". ")[0].rstrip(".") + "."
    return {
        "apiVersion": "v3.1.0",
        "kind": "DataContract",
        "id": f"urn:datacontract:{PROJECT}:marts:{relation}",
        "name": relation,
        "version": "1.0.0",
        "status": "active",
        "domain": "sales",
        "dataProduct": "tpch_warehouse_marts",
        "tags": ["marts", "tpch"],
        "description": {
            "purpose": ". ".join(description.split(". ")[:2]).rstrip(".") + ".",
            "usage": f"Read-only SQL on marts.{relation} (BI tools, notebooks). Join on the keys named "
            "in relationships; filter is_deleted where present.",
            "limitations": "Amounts are in the TPC-H source currency. Synthetic TPC-H data.",
        },
        "team": {
            "name": "analytics_engineering",
            "description": "Analytics Engineering (dbt group owner).",
            "members": [
                {"username": "analytics-engineering@example.com", "name": "Analytics Engineering", "role": "owner"}
            ],
        },
        "servers": [
            {
                "server": "warehouse",
                "type": "duckdb",
                "environment": "prod",
                "database": "data/warehouse.duckdb",
                "schema": "marts",
            }
        ],
        "schema": [
            {
                "name": relation,
                "physicalName": relation,
                "physicalType": "table",
                "businessName": relation.replace("_", " "),
                "description": description,
                "dataGranularityDescription": grain,
                "properties": props,
                "quality": [
                    {
                        "type": "library",
                        "metric": "rowCount",
                        "mustBeGreaterThan": 0,
                        "description": "The mart is never empty.",
                        "dimension": "completeness",
                    }
                ],
            }
        ],
        "slaProperties": [
            {
                "property": "freshness",
                "value": 2,
                "unit": "d",
                "element": f"{relation}.loaded_at",
                "driver": "analytics",
                "description": (
                    "The newest raw data in the mart landed less than 2 days ago (daily feed plus a day of slack)."
                ),
            },
            {
                "property": "retention",
                "value": 10,
                "unit": "y",
                "driver": "regulatory",
                "description": (
                    "History is kept for at least 10 years; the warehouse never purges it (no element: not tested)."
                ),
            },
        ],
        "contractCreatedTs": "2026-11-22T00:00:00Z",
    }


def dump_contract(contract: dict[str, Any]) -> str:
    """The contract as YAML text (key order kept, long lines folded at 100 columns)."""
    return yaml.safe_dump(contract, sort_keys=False, width=100, allow_unicode=True)
