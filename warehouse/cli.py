"""Command-line interface: ``python -m warehouse <command>``.

Commands:
    generate             land the TPC-H base extract in the raw zone
    simulate             land N more days of CDC change events (and ground truth)
    daily                simulate the next day and build it incrementally (snapshots too)
    register-extensions  register DuckDB extensions from their wheels (offline)
    build                land data if needed, simulate DAYS, dbt build day by day, summary
    summary              print rows per mart of a built warehouse

Paths default to ``data/raw``, ``data/sim`` and ``data/warehouse.duckdb`` and follow the
environment variables ``WAREHOUSE_RAW_DIR``, ``WAREHOUSE_SIM_DIR`` and ``WAREHOUSE_DB_PATH``
(the raw dir and the file are the ones ``profiles.yml`` and the dbt sources read), so every
command sees one warehouse.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from warehouse import cdc
from warehouse.extensions import register_extensions
from warehouse.raw_zone import RawZoneError, land_tpch, read_manifest, validate_scale_factor
from warehouse.summary import format_counts, mart_row_counts

DEFAULT_RAW_DIR = "data/raw"
DEFAULT_DB_PATH = "data/warehouse.duckdb"
DEFAULT_SIM_DIR = "data/sim"
DEFAULT_SEED = 42
# Tests the daily run skips: those on the base-extract staging, unchanged since landed.
DAILY_EXCLUDE = "tag:base_extract,resource_type:test"


def _raw_dir(arg: str | None) -> Path:
    return Path(arg or os.environ.get("WAREHOUSE_RAW_DIR", DEFAULT_RAW_DIR))


def _db_path(arg: str | None) -> Path:
    return Path(arg or os.environ.get("WAREHOUSE_DB_PATH", DEFAULT_DB_PATH))


def _sim_dir(arg: str | None) -> Path:
    return Path(arg or os.environ.get("WAREHOUSE_SIM_DIR", DEFAULT_SIM_DIR))


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


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {text!r}") from None


def _dbt_executable() -> str:
    candidate = Path(sys.executable).with_name("dbt")
    return str(candidate) if candidate.exists() else "dbt"


def run_dbt(args: list[str], raw_dir: Path, db_path: Path) -> int:
    """Run ``dbt <args>`` against the given raw zone and warehouse file; return its exit code.

    dbt's own output streams to this process's stdout.
    """
    env = dict(os.environ)
    # Absolute: the path is baked into the staging views, which BI tools may open from anywhere.
    env["WAREHOUSE_RAW_DIR"] = str(raw_dir.resolve())
    env["WAREHOUSE_DB_PATH"] = str(db_path.resolve())
    env.setdefault("DBT_PROFILES_DIR", str(Path.cwd()))
    db_path.parent.mkdir(parents=True, exist_ok=True)
    return subprocess.call([_dbt_executable(), *args], env=env)


def cmd_generate(ns: argparse.Namespace) -> int:
    land_tpch(ns.sf, _raw_dir(ns.raw_dir), ns.load_date, replace=ns.replace)
    return 0


def cmd_register_extensions(ns: argparse.Namespace) -> int:
    names = register_extensions()
    print(f"registered DuckDB extensions offline: {', '.join(names)}")
    return 0


def cmd_simulate(ns: argparse.Namespace) -> int:
    raw_dir, sim_dir = _raw_dir(ns.raw_dir), _sim_dir(ns.sim_dir)
    if ns.reset:
        cdc.reset(raw_dir, sim_dir)
        print(f"reset the simulation ({sim_dir}) and the CDC zone ({raw_dir / 'cdc'})")
    print(f"simulating {ns.days} day(s) of source changes (seed {ns.seed})")
    cdc.simulate(raw_dir, sim_dir, ns.days, ns.seed)
    return 0


def _build_days(raw_dir: Path, db_path: Path, dbt_args: list[str]) -> int:
    """dbt build once per CDC load date not yet in the warehouse (replaying history day by
    day so snapshots see each day's state), or once if all are; return dbt's exit code."""
    done = built_through(db_path)
    pending = [d for d in cdc.cdc_load_dates(raw_dir) if done is None or d > done]
    if not pending:
        print(f"  warehouse holds every landed day (through {done}); dbt build (no new data)", flush=True)
        return run_dbt(["build", *dbt_args], raw_dir, db_path)
    for i, load_date in enumerate(pending, 1):
        print(f"  [{i}/{len(pending)}] dbt build through load_date {load_date}", flush=True)
        code = run_dbt(
            ["build", "--vars", json.dumps({"cdc_through_load_date": load_date}), *dbt_args],
            raw_dir, db_path,
        )
        if code != 0:
            return code
    return 0


def cmd_build(ns: argparse.Namespace) -> int:
    started = time.perf_counter()
    raw_dir, db_path, sim_dir = _raw_dir(ns.raw_dir), _db_path(ns.db), _sim_dir(ns.sim_dir)
    sf = validate_scale_factor(ns.sf)
    if ns.days < 0:
        raise cdc.SimulationError(f"DAYS must be 0 or more, got {ns.days}")
    manifest = read_manifest(raw_dir)
    if manifest is not None and manifest.scale_factor == sf and not ns.regenerate:
        print(
            f"[1/4] raw zone already holds TPC-H SF {sf:g} landed on {manifest.load_date}; "
            "not regenerating (use --regenerate to force)"
        )
    else:
        print(f"[1/4] landing TPC-H SF {sf:g} in {raw_dir}")
        land_tpch(sf, raw_dir, replace=True)
        # New base extract: the CDC history and the warehouse built on the old one are void.
        cdc.reset(raw_dir, sim_dir)
        if db_path.exists():
            db_path.unlink()
            print(f"  removed {db_path}: it was built from another base extract")
    cdc.ensure_cdc_zone(raw_dir, sim_dir, ns.seed)
    have = cdc.simulated_days(sim_dir)
    if have < ns.days:
        print(f"[2/4] simulating days {have + 1}-{ns.days} of source changes (seed {ns.seed})")
        cdc.simulate(raw_dir, sim_dir, ns.days - have, ns.seed)
    else:
        print(f"[2/4] raw zone holds {have} simulated day(s); DAYS={ns.days}: nothing to simulate")
    t_dbt = time.perf_counter()
    print(f"[3/4] dbt build -> {db_path}", flush=True)
    code = _build_days(raw_dir, db_path, ns.dbt_args)
    if code != 0:
        print(f"error: dbt build failed (exit {code}); see the output above", file=sys.stderr)
        return code
    dbt_seconds = time.perf_counter() - t_dbt
    print("[4/4] summary: rows per mart")
    print(format_counts(mart_row_counts(db_path)))
    print(
        f"built TPC-H SF {sf:g} with {max(have, ns.days)} simulated day(s) in "
        f"{time.perf_counter() - started:.1f} s (dbt {dbt_seconds:.1f} s); warehouse: {db_path}"
    )
    return 0


def cmd_daily(ns: argparse.Namespace) -> int:
    started = time.perf_counter()
    raw_dir, db_path, sim_dir = _raw_dir(ns.raw_dir), _db_path(ns.db), _sim_dir(ns.sim_dir)
    if not db_path.exists():
        raise FileNotFoundError(f"no warehouse at {db_path}: run `make build` first")
    print("[1/2] landing the next day's change events")
    cdc.simulate(raw_dir, sim_dir, 1, ns.seed)
    print(f"[2/2] incremental dbt build (snapshots included) -> {db_path}", flush=True)
    # The base extract is unchanged since it was landed and tested: skip re-testing it.
    code = _build_days(raw_dir, db_path, ["--exclude", DAILY_EXCLUDE, *ns.dbt_args])
    if code != 0:
        print(f"error: dbt build failed (exit {code}); see the output above", file=sys.stderr)
        return code
    print(format_counts(mart_row_counts(db_path)))
    print(f"daily run done in {time.perf_counter() - started:.1f} s")
    return 0


def cmd_summary(ns: argparse.Namespace) -> int:
    print(format_counts(mart_row_counts(_db_path(ns.db))))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for all commands."""
    parser = argparse.ArgumentParser(prog="python -m warehouse", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    gen = sub.add_parser("generate", help="land the TPC-H base extract in the raw zone")
    gen.add_argument("--sf", default="0.1", help="TPC-H scale factor (default 0.1)")
    gen.add_argument("--raw-dir", help=f"raw zone root (default $WAREHOUSE_RAW_DIR or {DEFAULT_RAW_DIR})")
    gen.add_argument("--load-date", type=_date, help="partition date YYYY-MM-DD (default: today, UTC)")
    gen.add_argument("--replace", action="store_true", help="drop a base extract of another load_date")
    gen.set_defaults(func=cmd_generate)

    sim = sub.add_parser("simulate", help="land N more days of CDC change events")
    sim.add_argument("--days", type=int, default=1, help="days to simulate (default 1)")
    sim.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"seed (default {DEFAULT_SEED})")
    sim.add_argument("--raw-dir", help="raw zone root")
    sim.add_argument("--sim-dir", help=f"simulator state and ground truth (default {DEFAULT_SIM_DIR})")
    sim.add_argument("--reset", action="store_true", help="drop the simulation and the CDC zone first")
    sim.set_defaults(func=cmd_simulate)

    day = sub.add_parser("daily", help="simulate the next day and build it incrementally")
    day.add_argument("--seed", type=int, default=DEFAULT_SEED)
    day.add_argument("--raw-dir", help="raw zone root")
    day.add_argument("--sim-dir", help="simulator state and ground truth")
    day.add_argument("--db", help="warehouse file")
    day.add_argument("dbt_args", nargs="*", help="extra arguments passed to dbt build (after --)")
    day.set_defaults(func=cmd_daily)

    reg = sub.add_parser("register-extensions", help="register DuckDB extensions offline")
    reg.set_defaults(func=cmd_register_extensions)

    bld = sub.add_parser("build", help="land data if needed, dbt build, print a summary")
    bld.add_argument("--sf", default="0.1", help="TPC-H scale factor (default 0.1)")
    bld.add_argument("--raw-dir", help="raw zone root")
    bld.add_argument("--db", help=f"warehouse file (default $WAREHOUSE_DB_PATH or {DEFAULT_DB_PATH})")
    bld.add_argument("--days", type=int, default=3, help="simulated days of changes after the base (default 3)")
    bld.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"simulation seed (default {DEFAULT_SEED})")
    bld.add_argument("--sim-dir", help="simulator state and ground truth")
    bld.add_argument("--regenerate", action="store_true", help="land the data again even if present")
    bld.add_argument("dbt_args", nargs="*", help="extra arguments passed to dbt build (after --)")
    bld.set_defaults(func=cmd_build)

    summ = sub.add_parser("summary", help="print rows per mart")
    summ.add_argument("--db", help="warehouse file")
    summ.set_defaults(func=cmd_summary)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the process exit code (2 for a clear, expected error)."""
    ns = build_parser().parse_args(argv)
    try:
        return ns.func(ns)
    except (RawZoneError, cdc.SimulationError, FileNotFoundError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
