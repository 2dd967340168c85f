"""``datacontract test`` of every contract on the built warehouse and the raw zone: the audit
of Write-Audit-Publish, optionally windowed on the rows a run can have changed."""

from __future__ import annotations

import contextlib
import copy
import multiprocessing
import os
import re
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from warehouse.contracts.model import SUFFIX, Finding, is_base_extract, load_contract, schema_object


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
    from warehouse.serving import open_build

    con = open_build(db_path)
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
    obj = schema_object(out)
    rules = list(obj.get("quality") or [])
    for prop in obj.get("properties") or []:
        rules += prop.get("quality") or []
    for rule in rules:
        if rule.get("type") == "sql" and rule.get("query"):
            rule["query"] = _OBJECT_PLACEHOLDER.sub(
                lambda m: f"(select * from {{{m.group(1)}}} where {predicate})", rule["query"]
            )
    return out


@contextlib.contextmanager
def _lake_connection(db_path: Path | str) -> Iterator[None]:
    """While open, datacontract-cli's ``duckdb`` servers read the DuckLake ``db_path`` names
    (a ``ducklake:`` URI: the lake target's head snapshot) instead of a DuckDB file; for a
    file, nothing changes.

    datacontract-cli 1.2.8 opens a ``duckdb`` server's database with ibis by file path,
    which cannot name a DuckLake; its connector (``_connect_duckdb_database``, pinned
    version) is swapped for one over :func:`warehouse.serving.open_build`'s connection,
    with the server's schema made current as the original does."""
    from warehouse.serving import is_lake, open_build

    if not is_lake(db_path):
        yield
        return
    import ibis
    from datacontract.engines.ibis.connections import connect as dc_connect

    con = open_build(db_path)
    original = dc_connect._connect_duckdb_database

    def connect_lake(_ibis, server, _run, _config):
        if server.schema_:
            con.execute(f'use lake."{server.schema_}"')
        return ibis.duckdb.from_connection(con)

    dc_connect._connect_duckdb_database = connect_lake
    try:
        yield
    finally:
        dc_connect._connect_duckdb_database = original
        con.close()


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
        elif since and schema_object(contract)["name"] in window.mart_columns:
            obj = schema_object(contract)["name"]
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
        with _lake_connection(db_path):
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
            for p in schema_object(contract).get("properties") or []
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
