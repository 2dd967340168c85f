"""The pipeline the CLI runs: build, daily, repair (each Write-Audit-Publish), the audit, the
publish step, and the dbt invocations they share.

Every function takes explicit paths (see :class:`RunPaths`) and returns a process exit code
(0 success, 1 a failed dbt build, audit or publish, with one line on stderr saying so and
that the serving warehouse was left as it was). Expected errors raise ``RawZoneError``,
``SimulationError``, ``FileNotFoundError``, ``RuntimeError`` or ``ContractError`` for
:func:`warehouse.cli.main` to print as one line (exit 2).

Paths default to ``data/raw``, ``data/sim``, ``data/build/warehouse.duckdb`` (the build
warehouse dbt writes) and ``data/warehouse.duckdb`` (the serving warehouse BI tools read) and
follow the environment variables ``WAREHOUSE_RAW_DIR``, ``WAREHOUSE_SIM_DIR``,
``WAREHOUSE_DB_PATH`` and ``WAREHOUSE_SERVING_PATH`` (the raw dir and the build file are the
ones ``profiles.yml`` and the dbt sources read), so every command sees one warehouse.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from warehouse import cdc, contracts, drift, serving
from warehouse import lake as lake_mod
from warehouse.engines import Engine, LakeEngine, PostgresEngine, SparkEngine
from warehouse.raw_zone import (
    GENERATORS,
    check_integrity,
    generator_of,
    land_tpch,
    read_manifest,
    validate_scale_factor,
)
from warehouse.run_lock import run_lock
from warehouse.summary import format_counts, mart_row_counts

DEFAULT_RAW_DIR = "data/raw"
DEFAULT_DB_PATH = "data/build/warehouse.duckdb"
DEFAULT_SERVING_PATH = "data/warehouse.duckdb"
DEFAULT_SIM_DIR = "data/sim"
DEFAULT_SEED = 42
# The daily run's selection (selectors.yml): all but the base-extract staging's tests,
# unchanged since landed. dbt ignores --selector when --select/--exclude are given.
DAILY_SELECTOR = "daily"
SELECTION_ARGS = ("-s", "--select", "--exclude", "--selector", "-m", "--models")
# The days of a replay before the last one: models, seeds and snapshots only.
REPLAY_UNTESTED = ["--exclude-resource-type", "test", "unit_test"]
# What the dbt project reads (env first, then the dbt vars of the same meaning): the replay
# cutoff (var cdc_through_load_date) and the daily test window (var test_window_from_load_date).
CDC_THROUGH_ENV = "WAREHOUSE_CDC_THROUGH_LOAD_DATE"
TEST_WINDOW_ENV = "WAREHOUSE_TEST_WINDOW_FROM_LOAD_DATE"
# The first load date a repair reprocesses (var repair_from_load_date, macros/repair/).
REPAIR_FROM_ENV = "WAREHOUSE_REPAIR_FROM_LOAD_DATE"


def raw_dir_of(arg: str | None = None) -> Path:
    """The raw zone root: ``arg``, else ``$WAREHOUSE_RAW_DIR``, else ``data/raw``."""
    return Path(arg or os.environ.get("WAREHOUSE_RAW_DIR", DEFAULT_RAW_DIR))


def db_path_of(arg: str | None = None) -> Path:
    """The build warehouse file: ``arg``, else ``$WAREHOUSE_DB_PATH``, else the default."""
    return Path(arg or os.environ.get("WAREHOUSE_DB_PATH", DEFAULT_DB_PATH))


def serving_path_of(arg: str | None = None) -> Path:
    """The serving warehouse file: ``arg``, else ``$WAREHOUSE_SERVING_PATH``, else the default."""
    return Path(arg or os.environ.get("WAREHOUSE_SERVING_PATH", DEFAULT_SERVING_PATH))


def sim_dir_of(arg: str | None = None) -> Path:
    """The simulator's folder: ``arg``, else ``$WAREHOUSE_SIM_DIR``, else ``data/sim``."""
    return Path(arg or os.environ.get("WAREHOUSE_SIM_DIR", DEFAULT_SIM_DIR))


@dataclass(frozen=True)
class RunPaths:
    """The four places a build, daily or repair run touches.

    Attributes:
        raw_dir: raw zone root (base extract + CDC feeds; read only, but ``build`` lands it).
        db_path: build warehouse, the DuckDB file dbt writes.
        sim_dir: simulator state and ground truth (outside the raw zone).
        serving_path: serving warehouse, the file BI tools read (replaced by publish only).
    """

    raw_dir: Path
    db_path: Path
    sim_dir: Path
    serving_path: Path

    @classmethod
    def resolve(
        cls,
        raw_dir: str | None = None,
        db: str | None = None,
        sim_dir: str | None = None,
        serving_file: str | None = None,
    ) -> RunPaths:
        """The paths given, else their env vars, else the defaults.

        Raises:
            serving.PublishError: the build and serving warehouse are one file.
        """
        paths = cls(raw_dir_of(raw_dir), db_path_of(db), sim_dir_of(sim_dir), serving_path_of(serving_file))
        if paths.db_path.resolve() == paths.serving_path.resolve():
            raise serving.PublishError(
                f"WAREHOUSE_DB_PATH (the build warehouse) and WAREHOUSE_SERVING_PATH are the same file "
                f"({paths.db_path}); dbt must never write the file BI tools read: point them at different files"
            )
        return paths


def built_through(db_path: Path) -> str | None:
    """Newest CDC load date the warehouse's facts hold, or None (no warehouse, base only)."""
    if not db_path.exists():
        return None
    import duckdb

    try:
        con = duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error:
        return None
    try:
        value = con.execute("select max(last_load_date) from marts.fct_orders").fetchone()[0]
    except duckdb.Error:
        value = None
    finally:
        con.close()
    return value.isoformat() if value else None


def target_dir() -> Path:
    """dbt's artifact folder: ``$DBT_TARGET_PATH`` (as dbt reads it) or ``target``."""
    return Path(os.environ.get("DBT_TARGET_PATH") or "target")


def _dbt_executable() -> str:
    candidate = Path(sys.executable).with_name("dbt")
    return str(candidate) if candidate.exists() else "dbt"


# The project env vars (above) of the last dbt invocation: see run_dbt(same_vars=True).
_last_project_vars: dict[str, str] = {}


def run_dbt(
    args: list[str], raw_dir: Path, db_path: Path, extra_env: dict[str, str] | None = None, same_vars: bool = False
) -> int:
    """Run ``dbt <args>`` against the given raw zone and warehouse file, with ``extra_env``
    added to the environment; return its exit code.

    ``same_vars``: pass the project env vars (replay cutoff, test window, repair date) of the
    previous invocation again, for a command that reads the result of a build (source
    freshness after it): dbt re-parses every node that reads an env var whose value changed
    (about 5 s at SF 1), and these values change nothing such a command reads.

    dbt's own output streams to this process's stdout.
    """
    global _last_project_vars
    extra = {**(_last_project_vars if same_vars else {}), **(extra_env or {})}
    _last_project_vars = {k: v for k, v in extra.items() if k in (CDC_THROUGH_ENV, TEST_WINDOW_ENV, REPAIR_FROM_ENV)}
    env = {**os.environ, **extra}
    # Absolute: the path is baked into the staging views, which BI tools may open from anywhere.
    env["WAREHOUSE_RAW_DIR"] = str(raw_dir.resolve())
    env["WAREHOUSE_DB_PATH"] = str(db_path.resolve())
    env.setdefault("DBT_PROFILES_DIR", str(Path.cwd()))
    db_path.parent.mkdir(parents=True, exist_ok=True)
    return subprocess.call([_dbt_executable(), *args], env=env)


def _lookback_start(load_date: str) -> str:
    """``load_date`` (YYYY-MM-DD) less the dbt var ``cdc_lookback_days`` of dbt_project.yml
    (the days an incremental run reprocesses), as YYYY-MM-DD."""
    import yaml

    days = (yaml.safe_load(Path("dbt_project.yml").read_text()).get("vars") or {}).get("cdc_lookback_days", 2)
    return (dt.date.fromisoformat(load_date) - dt.timedelta(days=int(days))).isoformat()


def pending_load_dates(raw_dir: Path, db_path: Path, engine: Engine | None = None) -> list[str]:
    """The CDC load dates landed in ``raw_dir`` and not yet built into ``db_path`` (or into
    ``engine``'s database), in order."""
    done = engine.built_through() if engine else built_through(db_path)
    return [d for d in cdc.cdc_load_dates(raw_dir) if done is None or d > done]


def _build_days(
    raw_dir: Path, db_path: Path, dbt_args: list[str], test_window: bool = False, engine: Engine | None = None
) -> int:
    """dbt build once per CDC load date not yet in the warehouse, or once if all are; return
    dbt's exit code. First checks the raw zone (:func:`check_integrity`): a corrupt file
    raises RawZoneError, naming it, before any model runs.

    Replaying N days runs seeds, models and snapshots day by day (so snapshots see each day's
    state) and the tests once: days 1..N-1 are built without tests (REPLAY_UNTESTED) and day
    N is a whole ``dbt build``, whose tests check the state every earlier day led to. A test
    cannot see an earlier day's state other than through what that day left behind, so
    testing it once at the end catches the same faults at 1/N of the test cost.

    ``test_window`` (the daily run): the tests of day N read only what the run can have
    changed: ``$WAREHOUSE_TEST_WINDOW_FROM_LOAD_DATE`` = the first pending load date (see macro
    window_test_predicate and the README's "Which checks run when").

    ``engine``: build that engine's dbt target (warehouse.engines) instead of the DuckDB file.
    """
    t0 = time.perf_counter()
    cdc_files = sorted((Path(raw_dir) / "cdc").glob("*/load_date=*/*.ndjson"))
    print(f"  {check_integrity(raw_dir, cdc_files)} ({time.perf_counter() - t0:.1f} s)", flush=True)
    done = engine.built_through() if engine else built_through(db_path)
    pending = pending_load_dates(raw_dir, db_path, engine)
    target_env = engine.dbt_env(target_dir() / engine.name) if engine else {}
    if not pending:
        print(f"  warehouse holds every landed day (through {done}); dbt build (no new data)", flush=True)
        return run_dbt(["build", *dbt_args], raw_dir, db_path, target_env)
    for i, load_date in enumerate(pending, 1):
        last = i == len(pending)
        # Env vars, not --vars: dbt re-parses only what reads them instead of everything.
        env = {**target_env, CDC_THROUGH_ENV: load_date}
        if not last:
            what = "dbt build without tests (tested once, after the last day)"
        elif test_window:
            env[TEST_WINDOW_ENV] = pending[0]
            what = f"dbt build, tests windowed on the rows loaded since {pending[0]}"
        else:
            what = "dbt build"
        print(f"  [{i}/{len(pending)}] {what} through load_date {load_date}", flush=True)
        code = run_dbt(["build", *([] if last else REPLAY_UNTESTED), *dbt_args], raw_dir, db_path, env)
        if code != 0:
            return code
    return 0


def _dbt_parse(raw_dir: Path, db_path: Path) -> dict:
    """Parse the dbt project (no warehouse access) and return target/manifest.json."""
    code = run_dbt(["parse", "--quiet"], raw_dir, db_path)
    if code != 0:
        raise RuntimeError(f"dbt parse failed (exit {code})")
    return json.loads((target_dir() / "manifest.json").read_text())


def check_contracts(raw_dir: Path, db_path: Path) -> list[str]:
    """Lint every contract (ODCS schema, datacontract-cli) and compare them with the dbt
    project; return the problems, one line each (empty when all agree)."""
    problems = contracts.lint(contracts.contract_paths())
    problems += contracts.check_project(_dbt_parse(raw_dir, db_path))
    return problems


def audit(
    raw_dir: Path,
    db_path: Path,
    report: Path,
    sim_dir: Path,
    window_from: str | None = None,
    lake: LakeEngine | None = None,
) -> int:
    """Source freshness (dbt, thresholds from the source contracts) and every data contract's
    test (schema, quality, freshness SLA) on the built warehouse, and schema drift (columns
    delivered beyond the contracts: warnings, never failures); print the problems and a
    summary, write the full report to ``report``; return 0 when all pass, else 1.

    ``window_from`` (the daily run: the first load date it built) makes the contract tests
    read what the run can have changed (contracts.AuditWindow; the incremental marts' load
    columns come from dbt's ``target/manifest.json``, written by the build); None reads
    every row.

    ``lake``: audit the lake target's head snapshot (the build not yet published) instead
    of the DuckDB file ``db_path``.

    Before the first simulated day (``DAYS=0``) the CDC feeds have delivered nothing: the
    contracts marked ``requiresCdcFeed`` (the CDC feeds, fct_order_status_events) and the CDC
    source freshness are left out, and the output says so.
    """
    paths = contracts.contract_paths()
    fresh_code = 0
    if cdc.simulated_days(sim_dir) == 0:
        paths = [p for p in paths if not contracts.requires_cdc_feed(contracts.load_contract(p))]
        print(
            "  no CDC day landed yet (DAYS=0): contracts marked requiresCdcFeed and the CDC feeds' "
            "freshness are not audited (the base extract has no freshness SLA)",
            flush=True,
        )
    else:
        # Only the CDC feeds have a freshness SLA: the base extract is a one-time snapshot
        # (contracts/sources/tpch_*: baseExtract).
        print(
            "  dbt source freshness of the CDC feeds, log- and timestamp-based (thresholds from contracts/sources)",
            flush=True,
        )
        fresh_code = run_dbt(
            ["source", "freshness", "--select", "source:cdc", "source:ts"],
            raw_dir,
            db_path,
            lake.dbt_env(target_dir() / lake.name) if lake else None,
            same_vars=True,
        )
    if fresh_code != 0:
        print(
            "  error: no CDC day has landed within the feed's freshness SLA (see above): land the "
            "next day with `make daily` (in production: check the CDC connector)",
            file=sys.stderr,
        )
    window = None
    if window_from:
        manifest = json.loads(((target_dir() / lake.name if lake else target_dir()) / "manifest.json").read_text())
        window = contracts.AuditWindow(window_from, contracts.window_columns(manifest))
        print(
            f"  datacontract test: {len(paths)} contracts on the rows and files loaded since {window_from} "
            f"(incremental marts, CDC feeds; the base extract's schema only; other marts whole)",
            flush=True,
        )
    else:
        where = f"the lake's head snapshot {lake.lake.head_snapshot()}" if lake else db_path
        print(f"  datacontract test: {len(paths)} contracts on {where} and {raw_dir}", flush=True)
    location = lake.lake.uri() if lake else db_path
    findings = contracts.test_contracts(paths, location, raw_dir, window=window)
    for found in drift.schema_drift(location, raw_dir):  # reported, never failing: nothing is lost
        print(f"  warning: {found.describe()}", flush=True)
        findings.append(
            contracts.Finding(
                contract=found.feed.replace(".", "_"),
                field=found.column,
                rule="schema drift: delivered, not in the contract",
                observed=f"{found.rows:,} rows, kept in {found.kept_in}",
                result="warning",
            )
        )
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(contracts.format_findings(findings) + "\n")
    bad = contracts.failed(findings)
    if bad:
        print(contracts.format_findings(bad))
        print(f"  error: {len(bad)} data contract check(s) failed; full report: {report}", file=sys.stderr)
    else:
        print("  " + contracts.format_findings(findings).splitlines()[-1] + f" (report: {report})")
    return 1 if (bad or fresh_code != 0) else 0


def _serving_kept(serving_path: Path) -> None:
    """Say, on stderr, that the serving warehouse was left as it was."""
    print(
        f"  the serving warehouse was NOT updated; BI tools keep the last good build: "
        f"{serving.describe(serving.publication(serving_path), serving_path)}",
        file=sys.stderr,
    )


def _dbt_failed(code: int, serving_path: Path) -> int:
    print(f"error: dbt build failed (exit {code}); see the output above", file=sys.stderr)
    _serving_kept(serving_path)
    return code


def _audit_and_publish(
    raw_dir: Path,
    db_path: Path,
    serving_path: Path,
    sim_dir: Path,
    steps: tuple[str, str],
    window_from: str | None = None,
) -> int:
    """Audit the build warehouse (windowed from ``window_from`` on when given, see
    :func:`audit`); publish it as the serving warehouse only when the audit passes
    (Write-Audit-Publish). Return 0, or 1 when the audit fails."""
    print(f"{steps[0]} audit: source freshness and data contracts on the build warehouse", flush=True)
    t0 = time.perf_counter()
    if audit(raw_dir, db_path, target_dir() / "contracts_report.txt", sim_dir, window_from) != 0:
        print("error: the build violates its data contracts (see above)", file=sys.stderr)
        _serving_kept(serving_path)
        return 1
    print(f"  audit passed ({time.perf_counter() - t0:.1f} s)", flush=True)
    print(f"{steps[1]} publish: {db_path} -> {serving_path} (copy, then atomic rename)", flush=True)
    return publish_step(db_path, serving_path, raw_dir / "cdc")


def publish_step(db_path: Path, serving_path: Path, live_dir: Path | None = None) -> int:
    """Publish; return 0, or 1 after one line naming the cause (disk full, permission, a
    directory in the way, …) and that the serving warehouse was NOT updated. ``live_dir``:
    the raw zone's CDC folder the live views read (:func:`serving.publish`)."""
    import duckdb

    t0 = time.perf_counter()
    try:
        pub = serving.publish(db_path, serving_path, live_dir)
    except (OSError, RuntimeError, duckdb.Error) as exc:  # RuntimeError includes PublishError
        print(f"error: publish failed: {serving.publish_error_cause(exc, serving_path)}", file=sys.stderr)
        _serving_kept(serving_path)
        return 1
    print(f"  {serving.describe(pub, serving_path)} ({time.perf_counter() - t0:.1f} s)")
    return 0


def build(
    paths: RunPaths,
    sf: str | float,
    days: int,
    seed: int = DEFAULT_SEED,
    regenerate: bool = False,
    dbt_args: list[str] | None = None,
    generator: str | None = None,
    target: str = "duckdb",
) -> int:
    """Land TPC-H at scale factor ``sf`` with ``generator`` (``tpchgen`` or ``dbgen``; None:
    the one that landed the raw zone, tpchgen for a new one) unless the raw zone holds that
    scale factor from that generator (or ``regenerate``),
    simulate up to ``days`` days of CDC with ``seed``, check the contracts against the dbt
    project, ``dbt build`` day by day, audit and publish (Write-Audit-Publish); print a rows
    per mart summary. Holds the build warehouse's run lock throughout.

    ``target``: ``duckdb`` (the build file, then audit and publish), ``postgres`` or
    ``spark`` (:func:`_build_engine`), or ``lake`` (:func:`_build_lake`: a DuckLake,
    published by snapshot).

    Returns 0, or 1 (contract/dbt mismatch, dbt build, audit or publish failed).

    Raises:
        RawZoneError: bad scale factor or corrupt raw file; SimulationError: negative
        ``days``, seed mismatch; RunLockedError: another run holds the warehouse;
        ServiceError: the PostgreSQL server cannot be started.
    """
    if target in ("postgres", "spark"):
        with run_lock(paths.db_path.with_name(target), f"build --target {target}"):
            return _build_engine(target, paths, sf, days, seed, regenerate, list(dbt_args or []), generator)
    if target == "lake":
        with run_lock(paths.db_path.with_name("lake"), "build --target lake"):
            return _build_lake(paths, sf, days, seed, regenerate, list(dbt_args or []), generator)
    with run_lock(paths.db_path, "build"):
        return _build(paths, sf, days, seed, regenerate, list(dbt_args or []), generator)


def _land_and_simulate(
    paths: RunPaths,
    sf_arg: str | float,
    days: int,
    seed: int,
    regenerate: bool,
    generator: str | None,
    steps: str,
    engine: Engine | None = None,
) -> tuple[float | None, int]:
    """Steps 1-3 of a build: land the base extract unless the raw zone holds it (a new one voids
    the CDC history and what was built on the old one: the build file, or ``engine``'s
    schemas), simulate up to ``days`` days, check the contracts against the dbt project.
    Return (scale factor, simulated days), or (None, days) when the contracts disagree."""
    raw_dir, db_path, sim_dir = paths.raw_dir, paths.db_path, paths.sim_dir
    sf = validate_scale_factor(sf_arg)
    if days < 0:
        raise cdc.SimulationError(f"DAYS must be 0 or more, got {days}")
    manifest = read_manifest(raw_dir)
    if generator is None:
        generator = generator_of(manifest) if manifest is not None else GENERATORS[0]
    if manifest is not None and manifest.scale_factor == sf and generator_of(manifest) == generator and not regenerate:
        print(
            f"[1/{steps}] raw zone already holds TPC-H SF {sf:g} ({manifest.generator}) landed on "
            f"{manifest.load_date}; not regenerating (use --regenerate to force)"
        )
    else:
        print(f"[1/{steps}] landing TPC-H SF {sf:g} in {raw_dir}")
        land_tpch(sf, raw_dir, replace=True, generator=generator)
        # New base extract: the CDC history and the warehouse built on the old one are void.
        cdc.reset(raw_dir, sim_dir)
        if engine is not None:
            try:
                dropped = engine.reset()
            except Exception:  # no server running yet: nothing was built on it
                dropped = []
            if dropped:
                print(f"  dropped {len(dropped)} schema(s) on {engine.name}: built from another base extract")
        elif db_path.exists():
            db_path.unlink()
            print(f"  removed the build warehouse {db_path}: it was built from another base extract")
    cdc.ensure_cdc_zone(raw_dir, sim_dir, seed)
    have = cdc.simulated_days(sim_dir)
    if have < days:
        print(f"[2/{steps}] simulating days {have + 1}-{days} of source changes (seed {seed})")
        cdc.simulate(raw_dir, sim_dir, days - have, seed)
    else:
        print(f"[2/{steps}] raw zone holds {have} simulated day(s); DAYS={days}: nothing to simulate")
    print(f"[3/{steps}] data contracts agree with the dbt project (contracts/ vs models/)", flush=True)
    problems = check_contracts(raw_dir, db_path)
    if problems:
        print("\n".join(f"  {p}" for p in problems), file=sys.stderr)
        print(
            f"error: {len(problems)} contract/dbt mismatch(es); fix them or run `python -m warehouse contracts sync`",
            file=sys.stderr,
        )
        return None, have
    return sf, have


def _build_engine(
    target: str,
    paths: RunPaths,
    sf_arg: str | float,
    days: int,
    seed: int,
    regenerate: bool,
    dbt_args: list[str],
    generator: str | None,
) -> int:
    """``build --target postgres|spark``: land and simulate as for DuckDB, start the local
    server unless one is configured (PostgreSQL: ``WAREHOUSE_PG_PASSWORD`` set; Spark:
    ``WAREHOUSE_SPARK_HOST`` set), bring the raw zone to it (warehouse.raw_load: PostgreSQL
    loads each new partition, Spark registers external tables over the files), ``dbt build
    --target <target>`` day by day, print rows per mart.

    The engine is its own serving database: BI tools read its ``marts`` schema. There is no
    file to publish, so the build's gate is dbt's tests (a failed test exits 1 and names it);
    the data-contract audit reads a DuckDB file and runs on the default target.
    """
    from warehouse import raw_load

    started = time.perf_counter()
    raw_dir, db_path = paths.raw_dir, paths.db_path
    engine: Engine = PostgresEngine() if target == "postgres" else SparkEngine()
    sf, have = _land_and_simulate(paths, sf_arg, days, seed, regenerate, generator, "5", engine)
    if sf is None:
        return 1
    if isinstance(engine, PostgresEngine):
        if not os.environ.get("WAREHOUSE_PG_PASSWORD"):
            print(f"[4/5] PostgreSQL: {engine.service.start()}", flush=True)
        else:
            print("[4/5] PostgreSQL: the server WAREHOUSE_PG_HOST/PORT name (WAREHOUSE_PG_PASSWORD set)", flush=True)
        print(f"  {raw_load.load_postgres(raw_dir, engine.dsn(), progress=False).describe()}", flush=True)
        where = f"schema marts of {engine.dsn().split(' password=')[0]}"
    else:
        if engine.local:
            print("[4/5] Spark: starting the local cluster if needed (master, 2 workers, Thrift Server)", flush=True)
            print(f"  {engine.service.start()}", flush=True)
        else:
            print("[4/5] Spark: the Thrift Server WAREHOUSE_SPARK_HOST/PORT name", flush=True)
        host, port = engine.address()
        print(f"  {raw_load.register_spark(raw_dir, host, port).describe()}", flush=True)
        where = f"database marts of the Spark Thrift Server {host}:{port}"
    t_dbt = time.perf_counter()
    print(f"[5/5] dbt build --target {target} (models, snapshots, tests)", flush=True)
    code = _build_days(raw_dir, db_path, dbt_args, engine=engine)
    if code != 0:
        print(f"error: dbt build on {target} failed (exit {code}); see the output above", file=sys.stderr)
        return code
    dbt_seconds = time.perf_counter() - t_dbt
    print(f"summary: rows per mart ({target})")
    print(format_counts(engine.mart_row_counts()))
    print(
        f"built TPC-H SF {sf:g} with {max(have, days)} simulated day(s) on {target} in "
        f"{time.perf_counter() - started:.1f} s (dbt {dbt_seconds:.1f} s); marts in {where}"
    )
    return 0


def _lake_kept(lake: LakeEngine) -> None:
    """Say, on stderr, that the lake's published snapshot was left as it was."""
    try:
        kept = lake.lake.publication_at().describe()
    except Exception:  # nothing published yet, or the catalog unreachable
        kept = "nothing published yet"
    print(f"  the lake's publication was NOT changed; readers keep reading {kept}", file=sys.stderr)


def _lake_audit_and_publish(
    paths: RunPaths, lake: LakeEngine, steps: tuple[str, str], window_from: str | None = None
) -> int:
    """Audit the lake's head snapshot (:func:`audit` with ``lake``); only when it passes,
    publish that snapshot (one row in ``serving.publication``: O(1)). Return 0, or 1."""
    print(f"{steps[0]} audit: source freshness and data contracts on the lake's head snapshot", flush=True)
    t0 = time.perf_counter()
    report = target_dir() / lake.name / "contracts_report.txt"
    audited = lake.lake.head_snapshot()
    if audit(paths.raw_dir, paths.db_path, report, paths.sim_dir, window_from, lake=lake) != 0:
        print("error: the build violates its data contracts (see above)", file=sys.stderr)
        _lake_kept(lake)
        return 1
    print(f"  audit passed ({time.perf_counter() - t0:.1f} s)", flush=True)
    print(f"{steps[1]} publish: the audited snapshot of the lake (one row in {lake_mod.PUBLICATION_TABLE})", flush=True)
    t0 = time.perf_counter()
    try:
        pub = lake.lake.publish(audited)
    except lake_mod.LakeError as exc:
        print(f"error: publish failed: {exc}", file=sys.stderr)
        _lake_kept(lake)
        return 1
    print(f"  published {pub.describe()} ({time.perf_counter() - t0:.2f} s)", flush=True)
    return 0


def _build_lake(
    paths: RunPaths,
    sf_arg: str | float,
    days: int,
    seed: int,
    regenerate: bool,
    dbt_args: list[str],
    generator: str | None,
) -> int:
    """``build --target lake``: land and simulate as for DuckDB, make the lake reachable (the
    local PostgreSQL server and its ``lake`` database, or the SQLite catalog), ``dbt build
    --target lake`` day by day, audit the head snapshot, publish it; print rows per mart
    (as readers see them)."""
    started = time.perf_counter()
    engine = LakeEngine()
    sf, have = _land_and_simulate(paths, sf_arg, days, seed, regenerate, generator, "6", engine)
    if sf is None:
        return 1
    print(f"[4/6] dbt build --target lake (models, snapshots, tests) -> {engine.lake.prepare()}", flush=True)
    t_dbt = time.perf_counter()
    code = _build_days(paths.raw_dir, paths.db_path, dbt_args, engine=engine)
    if code != 0:
        print(f"error: dbt build on the lake failed (exit {code}); see the output above", file=sys.stderr)
        _lake_kept(engine)
        return code
    dbt_seconds = time.perf_counter() - t_dbt
    if _lake_audit_and_publish(paths, engine, ("[5/6]", "[6/6]")) != 0:
        return 1
    print("summary: rows per mart (the published snapshot)")
    print(format_counts(engine.mart_row_counts()))
    print(
        f"built TPC-H SF {sf:g} with {max(have, days)} simulated day(s) into the lake in "
        f"{time.perf_counter() - started:.1f} s (dbt {dbt_seconds:.1f} s); {engine.lake.describe()}"
    )
    return 0


def _build(
    paths: RunPaths,
    sf_arg: str | float,
    days: int,
    seed: int,
    regenerate: bool,
    dbt_args: list[str],
    generator: str | None,
) -> int:
    started = time.perf_counter()
    raw_dir, db_path, sim_dir, serving_path = paths.raw_dir, paths.db_path, paths.sim_dir, paths.serving_path
    sf, have = _land_and_simulate(paths, sf_arg, days, seed, regenerate, generator, "6")
    if sf is None:
        return 1
    t_dbt = time.perf_counter()
    print(f"[4/6] dbt build (models, snapshots, tests) -> build warehouse {db_path}", flush=True)
    code = _build_days(raw_dir, db_path, dbt_args)
    if code != 0:
        return _dbt_failed(code, serving_path)
    dbt_seconds = time.perf_counter() - t_dbt
    if _audit_and_publish(raw_dir, db_path, serving_path, sim_dir, ("[5/6]", "[6/6]")) != 0:
        return 1
    print("summary: rows per mart")
    print(format_counts(mart_row_counts(serving_path)))
    print(
        f"built TPC-H SF {sf:g} with {max(have, days)} simulated day(s) in "
        f"{time.perf_counter() - started:.1f} s (dbt {dbt_seconds:.1f} s); serving warehouse: {serving_path}"
    )
    return 0


def daily(
    paths: RunPaths,
    seed: int = DEFAULT_SEED,
    full_test: bool = False,
    dbt_args: list[str] | None = None,
    target: str = "duckdb",
) -> int:
    """Land the next simulated day, build it incrementally (selector ``daily`` unless
    ``dbt_args`` select otherwise; tests and audit windowed on what the run can have changed
    unless ``full_test``), audit and publish. Holds the run lock throughout.

    ``target``: ``duckdb`` (the build file, published by copy) or ``lake`` (the DuckLake,
    its audited snapshot published).

    Returns 0, or 1 (dbt build, audit or publish failed).

    Raises:
        FileNotFoundError: no build warehouse (or nothing built in the lake); RunLockedError:
        another run holds it.
    """
    if target == "lake":
        with run_lock(paths.db_path.with_name("lake"), "daily --target lake"):
            return _daily(paths, seed, full_test, list(dbt_args or []), LakeEngine())
    with run_lock(paths.db_path, "daily"):
        return _daily(paths, seed, full_test, list(dbt_args or []))


def _daily(paths: RunPaths, seed: int, full_test: bool, dbt_args: list[str], lake: LakeEngine | None = None) -> int:
    started = time.perf_counter()
    raw_dir, db_path, sim_dir, serving_path = paths.raw_dir, paths.db_path, paths.sim_dir, paths.serving_path
    if lake is not None:
        lake.lake.prepare()
        try:
            lake.lake.publication_at()
        except lake_mod.LakeError:
            raise FileNotFoundError(
                f"nothing published in the lake ({lake.lake.describe()}): run `make build TARGET=lake` first"
            ) from None
        where = lake.lake.describe()
    elif not db_path.exists():
        raise FileNotFoundError(f"no build warehouse at {db_path}: run `make build` first")
    else:
        where = f"build warehouse {db_path}"
    print("[1/4] landing the next day's change events")
    cdc.simulate(raw_dir, sim_dir, 1, seed)
    print(f"[2/4] incremental dbt build (snapshots, tests) -> {where}", flush=True)
    # The base extract is unchanged since it was landed and tested: skip re-testing it.
    if full_test:
        print("  --full-test: every test and the contract audit read every row", flush=True)
    t_dbt = time.perf_counter()
    pending = pending_load_dates(raw_dir, db_path, lake)
    if any(arg.split("=", 1)[0] in SELECTION_ARGS for arg in dbt_args):
        print(f"  the selection given ({' '.join(dbt_args)}) replaces selector {DAILY_SELECTOR}", flush=True)
        selection = list(dbt_args)
    else:
        selection = ["--selector", DAILY_SELECTOR, *dbt_args]
    code = _build_days(raw_dir, db_path, selection, test_window=not full_test, engine=lake)
    if code != 0:
        if lake is not None:
            print(f"error: dbt build failed (exit {code}); see the output above", file=sys.stderr)
            _lake_kept(lake)
            return code
        return _dbt_failed(code, serving_path)
    dbt_seconds = time.perf_counter() - t_dbt
    # Like the dbt tests' window: from the first new load date less cdc_lookback_days, the
    # days the incremental models reprocess (and may rewrite).
    window_from = _lookback_start(pending[0]) if pending and not full_test else None
    if lake is not None:
        if _lake_audit_and_publish(paths, lake, ("[3/4]", "[4/4]"), window_from) != 0:
            return 1
        print(format_counts(lake.mart_row_counts()))
    elif _audit_and_publish(raw_dir, db_path, serving_path, sim_dir, ("[3/4]", "[4/4]"), window_from) != 0:
        return 1
    else:
        print(format_counts(mart_row_counts(serving_path)))
    print(f"daily run done in {time.perf_counter() - started:.1f} s (dbt {dbt_seconds:.1f} s)")
    return 0


def repair(paths: RunPaths, from_date: dt.date, dbt_args: list[str] | None = None) -> int:
    """Rebuild the build warehouse from load date ``from_date`` on after the raw zone was
    corrected (a bad CDC line removed or fixed), then audit and publish it; return the exit
    code.

    One ``dbt build`` with ``$WAREHOUSE_REPAIR_FROM_LOAD_DATE`` set (macros/repair/):
    the raw vault (insert-only history, config ``meta.repair: rollback``) deletes its rows
    loaded from that date on and reloads them; every other incremental model, materialized
    view and seed is recomputed whole from the corrected raw zone; snapshots record the
    corrected current state as a new version (they are the log of what each run saw);
    every test runs. The days built so far are repaired (``$WAREHOUSE_CDC_THROUGH_LOAD_DATE``
    = the newest built one); days landed but not built stay for ``daily``.

    Holds the run lock throughout. Raises FileNotFoundError without a build warehouse and
    RawZoneError for a corrupt raw file (both exit 2, one line).
    """
    with run_lock(paths.db_path, "repair"):
        return _repair(paths, from_date, list(dbt_args or []))


def _repair(paths: RunPaths, from_day: dt.date, dbt_args: list[str]) -> int:
    started = time.perf_counter()
    raw_dir, db_path, sim_dir, serving_path = paths.raw_dir, paths.db_path, paths.sim_dir, paths.serving_path
    if not db_path.exists():
        raise FileNotFoundError(f"no build warehouse at {db_path}: nothing to repair (run `make build`)")
    done = built_through(db_path)
    if done is None:
        print(f"the build warehouse holds no CDC day yet: nothing loaded from {from_day} to repair")
        return 0
    from_date = from_day.isoformat()
    if from_date > done:
        print(f"the build warehouse holds CDC days through {done}: nothing loaded from {from_date} to repair")
        return 0
    print("[1/4] raw zone integrity", flush=True)
    cdc_files = sorted((Path(raw_dir) / "cdc").glob("*/load_date=*/*.ndjson"))
    print(f"  {check_integrity(raw_dir, cdc_files)}", flush=True)
    pending = [d for d in cdc.cdc_load_dates(raw_dir) if d > done]
    print(
        f"[2/4] dbt build repairing load dates {from_date} to {done}: the raw vault rolled back to "
        f"{from_date} and reloaded, everything else derived recomputed, every test",
        flush=True,
    )
    if pending:
        print(f"  landed but not built yet, left for `make daily`: {', '.join(pending)}", flush=True)
    t_dbt = time.perf_counter()
    env = {REPAIR_FROM_ENV: from_date, CDC_THROUGH_ENV: done}
    code = run_dbt(["build", *dbt_args], raw_dir, db_path, env)
    if code != 0:
        return _dbt_failed(code, serving_path)
    dbt_seconds = time.perf_counter() - t_dbt
    if _audit_and_publish(raw_dir, db_path, serving_path, sim_dir, ("[3/4]", "[4/4]")) != 0:
        return 1
    print(
        f"repaired load dates {from_date} to {done} in {time.perf_counter() - started:.1f} s (dbt {dbt_seconds:.1f} s)"
    )
    return 0


def freshness(raw_dir: Path, db_path: Path) -> int:
    """``dbt source freshness`` of the CDC feeds on the raw zone, with the source contracts'
    thresholds (``contracts sync`` writes them into the dbt YAML); return dbt's exit code
    (1 when a feed is past its SLA). The base extract has no freshness SLA (a one-time
    snapshot).

    Raises:
        FileNotFoundError: no build warehouse (dbt's profile opens it) or no CDC feed landed.
    """
    if not db_path.exists():
        raise FileNotFoundError(f"no build warehouse at {db_path}: run `make build` first")
    if not cdc.cdc_load_dates(raw_dir):
        raise FileNotFoundError(f"no CDC day has landed in {raw_dir}: run `make daily` (or make build DAYS=1)")
    return run_dbt(["source", "freshness", "--select", "source:cdc", "source:ts"], raw_dir, db_path)


def contracts_check(raw_dir: Path, db_path: Path) -> int:
    """Print every contract problem (:func:`check_contracts`) and a one-line verdict; return 0
    when the contracts agree with the dbt project, else 1."""
    problems = check_contracts(raw_dir, db_path)
    for p in problems:
        print(p)
    n = len(contracts.contract_paths())
    print(f"{n} contracts: {'consistent with the dbt project' if not problems else f'{len(problems)} problem(s)'}")
    return 1 if problems else 0


def contracts_test(raw_dir: Path, db_path: Path, sim_dir: Path, report: Path | None = None) -> int:
    """The audit (:func:`audit`) on every row of the warehouse at ``db_path``; the full report
    goes to ``report`` (default ``contracts_report.txt`` in dbt's target folder).

    Raises:
        FileNotFoundError: no warehouse at ``db_path``.
    """
    if not db_path.exists():
        raise FileNotFoundError(f"no warehouse at {db_path}: run `make build` first")
    return audit(raw_dir, db_path, report or target_dir() / "contracts_report.txt", sim_dir)


def contracts_breaking(base: str, repo: Path) -> int:
    """Print every contract change since git revision ``base`` that breaks consumers without a
    major version bump (:func:`contracts.breaking_against`); return 1 when there is one."""
    found = contracts.breaking_against(base, repo)
    for path, messages in found.items():
        for message in messages:
            print(f"BREAKING {path}: {message}")
    if found:
        print(
            f"error: {len(found)} contract(s) break consumers without a major version bump (compared with {base})",
            file=sys.stderr,
        )
        return 1
    print(f"no breaking contract changes against {base}")
    return 0
