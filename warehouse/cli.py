"""Command-line interface: ``python -m warehouse <command>``.

Commands:
    generate             land the TPC-H base extract in the raw zone
    register-extensions  register DuckDB extensions from their wheels (offline)
    build                land data if needed, run ``dbt build``, print a summary
    summary              print rows per mart of a built warehouse

Paths default to ``data/raw`` and ``data/warehouse.duckdb`` and follow the environment
variables ``WAREHOUSE_RAW_DIR`` and ``WAREHOUSE_DB_PATH`` (the same ones ``profiles.yml``
and the dbt sources read), so every command sees one warehouse.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

from warehouse.extensions import register_extensions
from warehouse.raw_zone import RawZoneError, land_tpch, read_manifest, validate_scale_factor
from warehouse.summary import format_counts, mart_row_counts

DEFAULT_RAW_DIR = "data/raw"
DEFAULT_DB_PATH = "data/warehouse.duckdb"


def _raw_dir(arg: str | None) -> Path:
    return Path(arg or os.environ.get("WAREHOUSE_RAW_DIR", DEFAULT_RAW_DIR))


def _db_path(arg: str | None) -> Path:
    return Path(arg or os.environ.get("WAREHOUSE_DB_PATH", DEFAULT_DB_PATH))


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


def cmd_build(ns: argparse.Namespace) -> int:
    started = time.perf_counter()
    raw_dir, db_path = _raw_dir(ns.raw_dir), _db_path(ns.db)
    sf = validate_scale_factor(ns.sf)
    manifest = read_manifest(raw_dir)
    if manifest is not None and manifest.scale_factor == sf and not ns.regenerate:
        print(
            f"[1/3] raw zone already holds TPC-H SF {sf:g} landed on {manifest.load_date}; "
            "not regenerating (use --regenerate to force)"
        )
    else:
        print(f"[1/3] landing TPC-H SF {sf:g} in {raw_dir}")
        land_tpch(sf, raw_dir, replace=True)
    t_dbt = time.perf_counter()
    print(f"[2/3] dbt build -> {db_path}", flush=True)
    code = run_dbt(["build", *ns.dbt_args], raw_dir, db_path)
    if code != 0:
        print(f"error: dbt build failed (exit {code}); see the output above", file=sys.stderr)
        return code
    dbt_seconds = time.perf_counter() - t_dbt
    print("[3/3] summary: rows per mart")
    print(format_counts(mart_row_counts(db_path)))
    print(
        f"built TPC-H SF {sf:g} in {time.perf_counter() - started:.1f} s "
        f"(dbt build {dbt_seconds:.1f} s); warehouse: {db_path}"
    )
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

    reg = sub.add_parser("register-extensions", help="register DuckDB extensions offline")
    reg.set_defaults(func=cmd_register_extensions)

    bld = sub.add_parser("build", help="land data if needed, dbt build, print a summary")
    bld.add_argument("--sf", default="0.1", help="TPC-H scale factor (default 0.1)")
    bld.add_argument("--raw-dir", help="raw zone root")
    bld.add_argument("--db", help=f"warehouse file (default $WAREHOUSE_DB_PATH or {DEFAULT_DB_PATH})")
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
    except (RawZoneError, FileNotFoundError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
