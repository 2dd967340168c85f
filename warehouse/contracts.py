"""Data contracts: ODCS v3.1 YAML in ``contracts/``, enforced on the dbt project and the warehouse.

Layout::

    contracts/marts/<relation>.odcs.yaml        one per published data product in schema marts
    contracts/sources/<source>_<table>.odcs.yaml one per raw source feed (TPC-H base, CDC)

The contracts are the source of truth. From them:

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

from __future__ import annotations

import copy
import io
import multiprocessing
import os
import re
import subprocess
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

CONTRACTS_DIR = Path("contracts")
PROJECT = "tpch_warehouse"
SUFFIX = ".odcs.yaml"
# dbt freshness periods for the contract's freshness units.
_PERIODS = {
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


def lint_cache_dir() -> Path:
    """Where :func:`lint` remembers the contracts that passed: ``$WAREHOUSE_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/tpch-warehouse`` (default ``~/.cache/tpch-warehouse``), plus
    ``contract-lint/``. Safe to delete at any time."""
    base = (
        os.environ.get("WAREHOUSE_CACHE_DIR")
        or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tpch-warehouse"
    )
    return Path(base) / "contract-lint"


def _lint_key(text: str) -> str:
    """sha256 (hex) of the datacontract-cli version and a contract's text: the lint result
    depends on nothing else (the ODCS JSON schema is bundled with that version)."""
    import hashlib
    from importlib.metadata import version

    return hashlib.sha256(f"datacontract-cli {version('datacontract-cli')}\0{text}".encode()).hexdigest()


def lint(paths: Iterable[Path], cache: Path | None = None) -> list[str]:
    """Validate contracts against the ODCS JSON schema with datacontract-cli; return the errors
    as ``"<file>: <reason>"`` (empty when all are valid).

    A contract whose exact text passed before with the same datacontract-cli version is not
    validated again: its key (:func:`_lint_key`) is a file in ``cache`` (default
    :func:`lint_cache_dir`). datacontract-cli checks the ODCS schema itself before every
    contract (about 0.13 s each, 3.5 s for the 28), so a daily run whose contracts did not
    change lints nothing. Failures are never cached.
    """
    from datacontract.data_contract import DataContract

    cache = cache or lint_cache_dir()
    errors = []
    for path in paths:
        text = path.read_text()
        passed = cache / _lint_key(text)
        if passed.exists():
            continue
        run = DataContract(data_contract_file=str(path)).lint()
        if run.result != "passed":
            reasons = [c.reason or c.name for c in run.checks if c.result not in ("passed", "info")]
            errors.append(f"{path}: " + "; ".join(str(r) for r in reasons))
            continue
        try:
            cache.mkdir(parents=True, exist_ok=True)
            passed.touch()
        except OSError:
            pass  # a read-only cache only costs the next run the same lint again
    return errors


def lint_text(text: str) -> list[str]:
    """Validate one contract given as YAML text; return the errors (empty when valid)."""
    from datacontract.data_contract import DataContract

    run = DataContract(data_contract_str=text).lint()
    if run.result == "passed":
        return []
    return [str(c.reason or c.name) for c in run.checks if c.result not in ("passed", "info")]


def _kind(contract: dict[str, Any]) -> str:
    server = (contract.get("servers") or [{}])[0]
    return "mart" if server.get("type") == "duckdb" else "source"


def _schema_object(contract: dict[str, Any]) -> dict[str, Any]:
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


# --------------------------------------------------------------------------- dbt consistency
def _norm_type(text: str | None) -> str:
    return "".join((text or "").upper().split())


def expected_dbt_model(contract: dict[str, Any]) -> dict[str, Any]:
    """What the dbt YAML of a mart must say for this contract: config (access, group,
    contract), constraints and columns (name, data_type, constraints)."""
    obj = _schema_object(contract)
    pk = primary_key(obj)
    columns = []
    for prop in obj.get("properties") or []:
        constraints = []
        if prop.get("required") or prop["name"] in pk:
            constraints.append({"type": "not_null"})
        if pk == [prop["name"]]:
            constraints.append({"type": "primary_key"})
        columns.append({"name": prop["name"], "data_type": prop.get("physicalType"), "constraints": constraints})
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
    if _kind(contract) == "source":
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
    obj = _schema_object(contract)
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
    want = {"count": int(fresh["value"]), "period": _PERIODS.get(str(fresh.get("unit", "d")).lower())}
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
    covered = {(c["servers"][0].get("schema"), expected_dbt_model(c)["name"]) for c in contracts if _kind(c) == "mart"}
    for node in manifest["nodes"].values():
        if (
            node.get("resource_type") == "model"
            and node.get("schema") == "marts"
            and (node["schema"], node["alias"]) not in covered
        ):
            out.append(f"dbt model {node['name']} (marts.{node['alias']}) has no contract in {root}/marts")
    return out


# --------------------------------------------------------------------------- dbt YAML sync
def sync_dbt_yaml(models_dir: Path, root: Path = CONTRACTS_DIR) -> list[Path]:
    """Write each mart contract's dbt settings (config access/group/contract, constraints,
    column data_type and constraints, column order) into the dbt YAML that declares the model.
    Comments and formatting elsewhere are kept (ruamel round trip). Returns the files changed.

    Raises:
        ContractError: a contracted model is declared in no YAML file under ``models_dir``.
    """
    from ruamel.yaml import YAML

    rt = YAML()
    rt.preserve_quotes = True
    rt.width = 4096  # never re-wrap existing text
    rt.indent(mapping=2, sequence=4, offset=2)
    wanted = {}
    for path in contract_paths(root, "marts"):
        exp = expected_dbt_model(load_contract(path))
        wanted[exp["name"]] = exp
    changed = []
    for yml in sorted(models_dir.rglob("*.yml")):
        text = yml.read_text()
        doc = rt.load(text)
        if not isinstance(doc, dict) or not doc.get("models"):
            continue
        touched = False
        for model in doc["models"]:
            # A versioned model's versions inherit the top-level columns and config (a later
            # version states its differences with include/exclude, by hand); the top level
            # follows the contract of the relation the model keeps its name for.
            versions = model.get("versions") or []
            relation = next(
                ((v.get("config") or {}).get("alias") for v in versions if (v.get("config") or {}).get("alias")),
                model["name"],
            )
            exp = wanted.get(relation)
            if exp is None:
                continue
            _apply(model, exp)
            touched = True
        if not touched:
            continue
        buf = io.StringIO()
        rt.dump(doc, buf)
        # one blank line between models (ruamel drops the ones it did not parse as comments)
        out = re.sub(r"\n+(?=  - name: )", "\n\n", buf.getvalue()).replace("models:\n\n", "models:\n")
        if out != text:
            yml.write_text(out)
            changed.append(yml)
    return changed


# A column the contract adds gets this description until someone writes a better one.
_NEW_COLUMN_DOC = "TODO: describe (added by warehouse.contracts sync from the data contract)."


def _apply(node: Any, exp: dict[str, Any]) -> None:
    """Set one model's access, group, contract, constraints and columns (order, data_type,
    constraints) from ``exp`` (expected_dbt_model); other keys are left as they are."""
    config = node.setdefault("config", {})
    config["access"] = "public"
    config["group"] = exp["group"]
    config["contract"] = {"enforced": True}
    if exp["constraints"]:
        node["constraints"] = copy.deepcopy(exp["constraints"])
    elif "constraints" in node:
        del node["constraints"]
    columns = node.get("columns") or []
    by_name = {c["name"]: c for c in columns}
    new_columns = []
    for col in exp["columns"]:
        entry = by_name.get(col["name"]) or {"name": col["name"], "description": _NEW_COLUMN_DOC}
        if "data_type" in entry or not hasattr(entry, "insert"):
            entry["data_type"] = col["data_type"]
        else:
            entry.insert(1, "data_type", col["data_type"])  # ruamel map: right after name
        if col["constraints"]:
            entry["constraints"] = copy.deepcopy(col["constraints"])
        elif "constraints" in entry:
            del entry["constraints"]
        new_columns.append(entry)
    node["columns"] = new_columns


# --------------------------------------------------------------------------- quality test
def _resolved(contract: dict[str, Any], db_path: Path, raw_dir: Path) -> dict[str, Any]:
    """The contract with its server pointed at this warehouse file or raw zone."""
    out = copy.deepcopy(contract)
    server = out["servers"][0]
    if server.get("type") == "duckdb":
        server["database"] = str(db_path)
    else:
        server["path"] = str(raw_dir / server["path"].split("raw/", 1)[-1])
    return out


@dataclass(frozen=True)
class AuditWindow:
    """What a daily audit reads: the rows loaded on or after ``from_load_date`` (YYYY-MM-DD).

    ``mart_columns`` maps a mart's relation name to its load-date column (the dbt model's
    ``meta.test_window.loaded``, see :func:`window_columns`); marts without one are read
    whole."""

    from_load_date: str
    mart_columns: dict[str, str]


def window_columns(manifest: dict[str, Any], schema: str = "marts") -> dict[str, str]:
    """Relation name -> load-date column (config ``meta.test_window.loaded``) of the models
    in ``schema`` that have one (the incremental facts), from a dbt manifest."""
    out = {}
    for node in manifest["nodes"].values():
        if node.get("resource_type") == "model" and node.get("schema") == schema:
            column = ((node.get("config", {}).get("meta") or {}).get("test_window") or {}).get("loaded")
            if column:
                out[node["alias"]] = column
    return out


def test_contracts(
    paths: Iterable[Path], db_path: Path, raw_dir: Path, workers: int | None = None, window: AuditWindow | None = None
) -> list[Finding]:
    """Run datacontract-cli's test (schema, quality rules, freshness SLA) of every contract
    against the warehouse file ``db_path`` (marts) or the raw zone ``raw_dir`` (sources).

    With ``window`` (the daily audit) each contract reads what the day can have changed:
    a CDC feed its files from ``window.from_load_date`` on; an incremental mart its rows
    loaded since then (datacontract-cli's row filter; uniqueness is still checked against
    the whole table, and SQL quality rules read the whole table); the base extract only its
    schema (``metadata_only``), its files being the ones audited when they landed (the raw
    zone's SHA-256 check, run before dbt, proves it). Without it every row is read.

    The contracts are tested in ``workers`` processes at once (default
    ``$WAREHOUSE_AUDIT_WORKERS`` or 2, the cores of the reference machine; each opens the
    warehouse read-only, so they never block one another). Returns one Finding per check, in
    contract order.
    """
    jobs = [(path, db_path, raw_dir, window) for path in paths]
    workers = workers or int(os.environ.get("WAREHOUSE_AUDIT_WORKERS", "2"))
    if workers <= 1 or len(jobs) < 2:
        return [f for job in jobs for f in _test_contract(job)]
    # spawn, not fork: the calling process may hold DuckDB's threads.
    with ProcessPoolExecutor(
        min(workers, len(jobs)), mp_context=multiprocessing.get_context("spawn"), initializer=_silence_stdout
    ) as pool:
        return [f for found in pool.map(_test_contract, jobs) for f in found]


def _silence_stdout() -> None:
    """In an audit worker: send fd 1 to /dev/null. Findings travel back by pipe; what would
    print is DuckDB's progress bar for slower queries, which would garble the build's output."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)


def ndjson_lines(text: str) -> list[str]:
    """The lines of an NDJSON file's text, numbered as the CDC sources number them
    (models/staging/cdc/_cdc__sources.yml): the final newline ends the last line, an empty
    file has no lines, any other empty line is a line."""
    if text == "":
        return []
    return (text[:-1] if text.endswith("\n") else text).split("\n")


def accepted_lines_zone(
    raw_dir: Path, db_path: Path, table: str, dest: Path, from_load_date: str | None = None
) -> tuple[int, int]:
    """Copy the CDC feed ``table`` of ``raw_dir`` to ``dest`` (same layout) without the lines
    staging quarantined (``intermediate.int_cdc_events_quarantined`` of the build warehouse
    ``db_path``: file and line number); return (delivered lines, quarantined lines). With
    ``from_load_date`` (YYYY-MM-DD) only the partitions of that load date and later.

    A source contract describes what the feed must deliver; a line that breaks it (not JSON,
    no lsn, an unknown op) is quarantined with its reason and counted by the dbt tests
    (delivered = accepted + quarantined), so the contract is tested on the accepted lines and
    one bad line never blocks a publish."""
    from warehouse.serving import open_warehouse

    con = open_warehouse(db_path, read_only=True)
    try:
        rows = con.execute(
            "select source_file, source_line_number from intermediate.int_cdc_events_quarantined "
            "where source_table = ?",
            [table],
        ).fetchall()
    finally:
        con.close()
    marker = f"/cdc/{table}/"
    quarantined = {(f.split(marker, 1)[-1], n) for f, n in rows}
    delivered = dropped = 0
    for src in sorted((Path(raw_dir) / "cdc" / table).glob("*/*.ndjson")):
        rel = src.relative_to(Path(raw_dir) / "cdc" / table).as_posix()
        if from_load_date and src.parent.name.removeprefix("load_date=") < from_load_date:
            continue
        lines = ndjson_lines(src.read_text())
        keep = [line for n, line in enumerate(lines, 1) if (rel, n) not in quarantined]
        delivered, dropped = delivered + len(lines), dropped + len(lines) - len(keep)
        out = Path(dest) / "cdc" / table / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text("".join(line + "\n" for line in keep))
    return delivered, dropped


_OBJECT_PLACEHOLDER = re.compile(r"\{(object|model|table)\}")


def windowed_quality_queries(contract: dict[str, Any], predicate: str) -> dict[str, Any]:
    """A copy of the contract whose SQL quality rules read only the rows of their own object
    matching ``predicate``: each ``{object}`` (or ``{model}``, ``{table}``) placeholder
    becomes ``(select * from {object} where <predicate>)``. datacontract-cli's row filter
    covers its own checks but runs SQL rules as written; the mart rules are row-level (a
    count of rows breaking a condition), so on the window they check the window's rows."""
    out = copy.deepcopy(contract)
    obj = _schema_object(out)
    rules = list(obj.get("quality") or [])
    for prop in obj.get("properties") or []:
        rules += prop.get("quality") or []
    for rule in rules:
        if rule.get("type") == "sql" and rule.get("query"):
            rule["query"] = _OBJECT_PLACEHOLDER.sub(
                lambda m: f"(select * from {{{m.group(1)}}} where {predicate})", rule["query"]
            )
    return out


def _test_contract(job: tuple[Path, Path, Path, AuditWindow | None]) -> list[Finding]:
    """datacontract-cli's test of one contract (path, warehouse file, raw zone, window; see
    :func:`test_contracts`). A CDC feed's contract is tested on its accepted lines
    (:func:`accepted_lines_zone`), with one more finding that counts the quarantined ones;
    a windowed test adds one finding saying what it read."""
    import tempfile

    from datacontract.data_contract import DataContract

    path, db_path, raw_dir, window = job
    contract = load_contract(path)
    name = path.name.removesuffix(SUFFIX)
    server = contract["servers"][0]
    extra: list[Finding] = []
    options: dict[str, Any] = {}
    since = window.from_load_date if window else None
    with tempfile.TemporaryDirectory(prefix="accepted-lines-") as scratch:
        if server.get("type") == "local" and server.get("format") == "json":
            table = server["path"].split("cdc/", 1)[-1].split("/", 1)[0]
            delivered, dropped = accepted_lines_zone(raw_dir, db_path, table, Path(scratch), since)
            raw_dir = Path(scratch)
            extra.append(
                Finding(
                    contract=name,
                    field="",
                    rule="quarantined lines left out (int_cdc_events_quarantined)",
                    observed=f"{dropped:,} of {delivered:,} lines",
                    result="passed",
                )
            )
            if since:
                extra.append(
                    Finding(
                        contract=name,
                        field="",
                        rule="daily audit: files read",
                        observed=f"load dates {since} on",
                        result="passed",
                    )
                )
        elif since and is_base_extract(contract):
            options["metadata_only"] = True
            extra.append(
                Finding(
                    contract=name,
                    field="",
                    rule="daily audit: schema only, rows audited at landing",
                    observed="files unchanged (SHA-256)",
                    result="passed",
                )
            )
        elif since and _schema_object(contract)["name"] in window.mart_columns:
            obj = _schema_object(contract)["name"]
            column = window.mart_columns[obj]
            predicate = f"{column} >= date '{since}'"
            options["filters"] = {obj: predicate}
            contract = windowed_quality_queries(contract, predicate)
            extra.append(
                Finding(
                    contract=name,
                    field=column,
                    rule="daily audit: rows read",
                    observed=f"{column} >= {since}",
                    result="passed",
                )
            )
        resolved = _resolved(contract, db_path, raw_dir)
        text = yaml.safe_dump(resolved, sort_keys=False)
        run = DataContract(data_contract_str=text, server=server["server"], **options).test()
        parquet_types = _parquet_types(resolved) if server.get("format") == "parquet" else {}
    findings = []
    for check in run.checks:
        result, observed = str(getattr(check.result, "value", check.result)), _observed(check)
        if _checked_by_dbt(check):
            result, observed = "info", DBT_CHECKED
        elif PARQUET_TYPES_UNCHECKED in str(check.reason or "") and check.field:
            result, observed = _parquet_type_result(contract, check.field, parquet_types)
        findings.append(
            Finding(
                contract=name,
                field=check.field or check.model or "",
                rule=check.name or check.type or "",
                observed=observed,
                result=result,
            )
        )
    return extra + findings


# datacontract-cli 1.2.8 does not check column types in Parquet files; the audit does, with
# DuckDB's reading of the files' schema (physicalType is the DuckDB type).
PARQUET_TYPES_UNCHECKED = "Checking types in parquet files is not supported"


def _parquet_types(resolved: dict[str, Any]) -> dict[str, str]:
    """Column name -> DuckDB type of the Parquet files a resolved contract's server names
    (schema from the files' metadata, no rows read)."""
    import duckdb

    path = resolved["servers"][0]["path"].replace("'", "''")
    with duckdb.connect() as con:
        return {
            name: str(kind)
            for name, kind, *_ in con.execute(f"describe select * from read_parquet('{path}')").fetchall()
        }


def _parquet_type_result(contract: dict[str, Any], field: str, types: dict[str, str]) -> tuple[str, str]:
    """(result, observed) of the type check of one column of a Parquet feed: passed when the
    files' type is the contract's physicalType, else failed naming both."""
    expected = next(
        (
            str(p.get("physicalType", ""))
            for p in _schema_object(contract).get("properties") or []
            if p.get("name") == field
        ),
        "",
    )
    found = types.get(field)
    if found is None:
        return "failed", "column missing from the files"
    return ("passed", found) if found.upper() == expected.upper() else ("failed", f"{found}, contract says {expected}")


DBT_CHECKED = "checked by its dbt relationships test"


def _checked_by_dbt(check: Any) -> bool:
    """True for a relationship to another contract's schema: datacontract-cli cannot check
    it (one contract per run) and reports a warning, but `contracts check` keeps every
    contract relationship equal to the dbt relationships test it was synced from, which the
    build runs. Reported as info, so a warning always means something to look at."""
    reason = str(check.reason or "")
    return (
        check.type == "field_relationships"
        and str(getattr(check.result, "value", check.result)) == "warning"
        and "is not checked: the contract has no schema" in reason
    )


def _observed(check: Any) -> str:
    diag = check.diagnostics or {}
    for key in ("actual_value", "value", "age_seconds", "latest_timestamp", "actual_type"):
        if key in diag:
            value = diag[key]
            if key == "age_seconds":
                return f"age {int(value) // 3600} h {int(value) % 3600 // 60} min"
            return str(value)
    return check.reason or ""


def format_findings(findings: list[Finding], only_problems: bool = False) -> str:
    """A fixed-width report: contract, field, rule, observed value, result; then totals."""
    rows = [f for f in findings if not only_problems or f.result not in ("passed", "info")]
    header = ("contract", "field", "rule", "observed", "result")
    table = [header] + [(f.contract, f.field, f.rule, f.observed, f.result) for f in rows]
    widths = [min(max(len(str(r[i])) for r in table), cap) for i, cap in enumerate((34, 26, 60, 40, 8))]

    def cut(text: str, width: int) -> str:
        text = str(text).replace("\n", " ")
        return text if len(text) <= width else text[: width - 1] + "…"

    lines = ["  ".join(cut(v, w).ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in table]
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.result] = counts.get(f.result, 0) + 1
    summary = ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
    return "\n".join(
        lines + [f"{len(findings)} checks over {len({f.contract for f in findings})} contracts: {summary}"]
    )


def failed(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that fail a build (failed or error)."""
    return [f for f in findings if f.result in ("failed", "error")]


# --------------------------------------------------------------------------- breaking changes
def _major(version: str | None) -> int:
    try:
        return int(str(version).split(".")[0])
    except ValueError:
        raise ContractError(f"contract version {version!r} is not semver (MAJOR.MINOR.PATCH)") from None


def breaking_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Changes from ``old`` to ``new`` that break consumers, one message each naming the
    field: a column removed or renamed, a type changed, ``required`` changed either way, the
    primary key changed. Empty when compatible, or when ``new``'s major version is higher."""
    from datacontract.breaking.detector import BreakingChangeDetector
    from datacontract.data_contract import DataContract
    from datacontract.model.breaking import BreakingChangeLevel, Perspective

    if _major(new.get("version")) > _major(old.get("version")):
        return []
    before = DataContract(data_contract_str=yaml.safe_dump(old, sort_keys=False))
    after = DataContract(data_contract_str=yaml.safe_dump(new, sort_keys=False))
    detector = BreakingChangeDetector()
    out = []
    for perspective in (Perspective.CONSUMER, Perspective.PRODUCER):
        result = before.breaking(after, detector, perspective=perspective)
        for entry in result.entries:
            if entry.level != BreakingChangeLevel.ERROR or not _consumer_relevant(entry, perspective):
                continue
            message = f"{entry.path}: {entry.message}"
            if message not in out:
                out.append(message)
    return out


# Rules whose breaks we enforce: the shape consumers read. Quality rules, SLAs and metadata
# may tighten or loosen freely within a major version (they are tested on every build).
_SHAPE_RULES = {
    "schema-added-or-removed",
    "property-added-or-removed",
    "physical-name-changed",
    "required-changed",
    "type-changed",
    "key-constraint-changed",
}


def _consumer_relevant(entry: Any, perspective: Any) -> bool:
    from datacontract.model.breaking import Perspective

    if entry.rule_id not in _SHAPE_RULES:
        return False
    if perspective == Perspective.PRODUCER:
        # From the producer side only "required added" counts (consumers that write NULLs or
        # read it as optional); an added column or schema is compatible.
        return entry.rule_id == "required-changed"
    return True


def git_show(ref: str, path: Path, repo: Path) -> str | None:
    """The text of ``path`` at git ``ref`` in ``repo``, or None when it does not exist there."""
    rel = path.resolve().relative_to(repo.resolve()) if path.is_absolute() else path
    proc = subprocess.run(["git", "show", f"{ref}:{rel.as_posix()}"], cwd=repo, capture_output=True, text=True)
    return proc.stdout if proc.returncode == 0 else None


def breaking_against(ref: str, repo: Path, root: Path = CONTRACTS_DIR) -> dict[str, list[str]]:
    """Breaking changes of every contract under ``repo/root`` against its version at git
    ``ref`` (a deleted contract is breaking); maps contract file -> messages (breaking only).

    Raises:
        ContractError: ``ref`` is not a git revision of ``repo``.
    """
    probe = subprocess.run(
        ["git", "rev-parse", "--verify", f"{ref}^{{commit}}"], cwd=repo, capture_output=True, text=True
    )
    if probe.returncode != 0:
        raise ContractError(f"{ref!r} is not a git revision of {repo}")
    listed = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", ref, "--", root.as_posix()],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    out: dict[str, list[str]] = {}
    for rel in sorted(set(listed) | {p.relative_to(repo).as_posix() for p in contract_paths(repo / root)}):
        if not rel.endswith(SUFFIX):
            continue
        old_text = git_show(ref, Path(rel), repo)
        new_path = repo / rel
        if old_text is None:
            continue  # a new contract breaks no one
        if not new_path.exists():
            out[rel] = [f"contract removed (was version {yaml.safe_load(old_text).get('version')})"]
            continue
        messages = breaking_changes(yaml.safe_load(old_text), load_contract(new_path))
        if messages:
            out[rel] = messages
    return out


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
