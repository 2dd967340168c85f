"""Benchmark: TPC-H generation and dbt build at several scale factors.

For each scale factor, in a throw-away folder (``.tmp/bench/sf<SF>/``):

1. ``generate``     land the raw zone (tpchgen-cli + Parquet rewrite);
2. ``dbt seed``     load the reference seeds (not timed as part of the model build);
3. ``dbt build`` without tests: every model and snapshot (staging views, current state,
                    type 2 history, dims, facts): the warehouse without its checks;
4. ``direct SQL``   the same compiled SQL, ``create or replace view/table ... as (...)``
                    per model in dependency order, in ONE DuckDB connection, on a copy of
                    the seeded warehouse (a snapshot's first run is its relation plus the
                    validity columns): what the build costs without dbt;
5. ``dbt build``    everything (seeds, models, unit and data tests) on a fresh warehouse.

Prints seconds, rows/s (order lines per second) and peak memory (max RSS of the step's
process tree, from ``wait4``), and the ratio of ``dbt run`` to the direct run. Figures
only: nothing here asserts a time. Results also go to ``.tmp/bench/results.json``.

Usage: ``.venv/bin/python bench/bench_build.py --sf 0.1 1 [10]``
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def timed(cmd: list[str], env: dict[str, str], log: Path) -> tuple[float, float]:
    """Run ``cmd``; return (wall seconds, peak RSS in MiB of its process tree).

    Raises:
        SystemExit: the command failed (its log is named).
    """
    started = time.perf_counter()
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)} (see {log})")
    return seconds, usage.ru_maxrss / 1024


def direct_run(db_path: Path, manifest_path: Path) -> None:
    """Execute every model's compiled SQL from the manifest in one DuckDB connection."""
    import duckdb

    manifest = json.loads(manifest_path.read_text())
    models = {
        uid: node
        for uid, node in manifest["nodes"].items()
        if node["resource_type"] in ("model", "snapshot") and node["package_name"] == "tpch_warehouse"
    }
    order: list[str] = []
    seen: set[str] = set()

    def visit(uid: str) -> None:
        if uid in seen or uid not in models:
            return
        seen.add(uid)
        for parent in models[uid]["depends_on"]["nodes"]:
            visit(parent)
        order.append(uid)

    for uid in sorted(models):
        visit(uid)
    con = duckdb.connect(str(db_path))
    con.execute("set preserve_insertion_order = false")
    for uid in order:
        node = models[uid]
        kind = "view" if node["config"]["materialized"] == "view" else "table"
        sql = node["compiled_code"]
        if node["resource_type"] == "snapshot":
            # A snapshot's first run: every current row opens one version.
            key, updated_at = node["config"]["unique_key"], node["config"]["updated_at"]
            sql = (
                f"select *, {updated_at} as valid_from, cast('9999-12-31' as timestamp) as valid_to, "
                f"md5(concat({key}, '|', {updated_at})) as version_id, {updated_at} as version_updated_at, "
                f"'False' as is_hard_deleted from ({sql})"
            )
        con.execute(f'create schema if not exists "{node["schema"]}"')
        con.execute(f'create or replace {kind} "{node["schema"]}"."{node["alias"]}" as (\n{sql}\n)')
    con.close()


def bench_one(sf: str, root: Path) -> dict:
    """Run every step at one scale factor; return its figures."""
    work = root / f"sf{sf}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    raw, db = work / "raw", work / "warehouse.duckdb"
    env = {
        **os.environ,
        "WAREHOUSE_RAW_DIR": str(raw),
        "WAREHOUSE_DB_PATH": str(db),
        "DBT_PROFILES_DIR": str(REPO),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    py, dbt = str(BIN / "python"), str(BIN / "dbt")
    figures: dict = {"scale_factor": float(sf)}

    print(f"SF {sf}: generate ...", flush=True)
    # The CDC feed exists (empty) from the start; the base build reads it.
    figures["generate_s"], figures["generate_peak_mib"] = timed(
        [py, "-m", "warehouse", "generate", "--sf", sf, "--raw-dir", str(raw)], env, work / "generate.log"
    )
    timed(
        [py, "-c", f"from warehouse.cdc import ensure_cdc_zone; ensure_cdc_zone({str(raw)!r}, {str(work / 'sim')!r})"],
        env,
        work / "cdc_init.log",
    )
    manifest = json.loads((raw / "tpch" / "_manifest.json").read_text())
    lines = manifest["tables"]["lineitem"]["rows"]
    figures["order_lines"] = lines
    figures["raw_rows"] = sum(t["rows"] for t in manifest["tables"].values())

    print(f"SF {sf}: dbt seed ...", flush=True)
    timed([dbt, "seed"], env, work / "seed.log")
    # Same file name in another folder: compiled SQL names the catalog after the file stem.
    seeded = work / "direct" / db.name
    seeded.parent.mkdir()
    shutil.copy(db, seeded)

    print(f"SF {sf}: dbt build without tests (all models and snapshots) ...", flush=True)
    figures["dbt_run_s"], figures["dbt_run_peak_mib"] = timed(
        [dbt, "build", "--exclude", "resource_type:test", "resource_type:unit_test", "resource_type:seed"],
        env,
        work / "run.log",
    )
    run_results = json.loads((REPO / "target" / "run_results.json").read_text())
    figures["dbt_run_internal_s"] = run_results["elapsed_time"]
    shutil.copy(REPO / "target" / "manifest.json", work / "manifest.json")

    print(f"SF {sf}: direct SQL in one DuckDB connection ...", flush=True)
    figures["direct_s"], figures["direct_peak_mib"] = timed(
        [py, str(Path(__file__).resolve()), "--direct", str(seeded), str(work / "manifest.json")],
        env,
        work / "direct.log",
    )

    print(f"SF {sf}: dbt build (seeds, models, all tests) on a fresh warehouse ...", flush=True)
    db.unlink()
    figures["dbt_build_s"], figures["dbt_build_peak_mib"] = timed([dbt, "build"], env, work / "build.log")
    build_results = json.loads((REPO / "target" / "run_results.json").read_text())
    figures["dbt_build_nodes"] = len(build_results["results"])
    figures["warehouse_mib"] = db.stat().st_size / 1024**2

    figures["run_over_direct"] = figures["dbt_run_s"] / figures["direct_s"]
    figures["generate_rows_per_s"] = figures["raw_rows"] / figures["generate_s"]
    figures["run_order_lines_per_s"] = lines / figures["dbt_run_s"]
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sf", nargs="+", default=["0.1", "1"], help="scale factors")
    parser.add_argument("--direct", nargs=2, metavar=("DB", "MANIFEST"), help=argparse.SUPPRESS)
    ns = parser.parse_args()
    if ns.direct:
        direct_run(Path(ns.direct[0]), Path(ns.direct[1]))
        return 0
    root = REPO / ".tmp" / "bench"
    results = [bench_one(sf, root) for sf in ns.sf]
    (root / "results.json").write_text(json.dumps(results, indent=2))
    header = (
        f"{'SF':>5} {'order lines':>12} {'generate s':>10} {'gen MiB':>8} {'no-test s':>9} "
        f"{'direct s':>8} {'ratio':>10} {'dbt build s':>11} {'build MiB':>9} {'db MiB':>7}"
    )
    print("\n" + header)
    for r in results:
        print(
            f"{r['scale_factor']:>5g} {r['order_lines']:>12,} {r['generate_s']:>10.1f} "
            f"{r['generate_peak_mib']:>8.0f} {r['dbt_run_s']:>9.1f} {r['direct_s']:>8.1f} "
            f"{r['run_over_direct']:>10.2f} {r['dbt_build_s']:>11.1f} {r['dbt_build_peak_mib']:>9.0f} "
            f"{r['warehouse_mib']:>7.0f}"
        )
    print(
        "\n(no-test = dbt build of models and snapshots without tests; ratio = no-test / direct. "
        "dbt times include dbt's process start and parse, about 3-4 s; dbt's own elapsed time: "
        + ", ".join(f"SF {r['scale_factor']:g} {r['dbt_run_internal_s']:.1f} s" for r in results)
        + ")"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
