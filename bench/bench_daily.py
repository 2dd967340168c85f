"""Benchmark: one daily incremental build versus a full rebuild, at a given scale factor.

In a throw-away folder (``.tmp/bench/daily-sf<SF>/``):

1. land the base extract and ``dbt build`` it (the initial full build);
2. simulate one day of CDC events;
3. the daily incremental build exactly as ``python -m warehouse daily`` runs it:
   ``dbt build --exclude tag:base_extract,resource_type:test`` (models, snapshots and every
   test except those on the unchanged base-extract staging);
4. ``dbt build`` again with every test (no new data: the cost of re-testing everything);
5. ``dbt build --full-refresh``: the same data rebuilt from scratch (dbt never rebuilds
   snapshots; everything else is);
6. ``dbt run --full-refresh`` and an incremental ``dbt run`` to separate model time from tests.

Prints seconds and the daily/full ratios. Figures only: nothing here asserts a time.

Usage: ``.venv/bin/python bench/bench_daily.py --sf 1``
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench_build import BIN, REPO, timed  # noqa: E402

from warehouse.cli import DAILY_EXCLUDE  # noqa: E402


def layer_seconds() -> dict[str, float]:
    """Execution seconds of the last dbt invocation (target/run_results.json), summed per
    layer: materialized views, Data Vault, snapshots, other models, tests. Threads overlap,
    so the sums exceed wall time."""
    results = json.loads((REPO / "target" / "run_results.json").read_text())["results"]
    layers: dict[str, float] = {}
    for r in results:
        uid = r["unique_id"]
        name = uid.split(".")[2]
        if uid.startswith(("test.", "unit_test.")):
            layer = "tests"
        elif name.startswith("mv_"):
            layer = "materialized_views"
        elif name.split("_")[0] in ("hub", "link", "sat", "pit", "bridge", "control"):
            layer = "data_vault"
        elif uid.startswith("snapshot."):
            layer = "snapshots"
        else:
            layer = "other_models"
        layers[layer] = round(layers.get(layer, 0.0) + r["execution_time"], 2)
    return layers


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sf", default="1", help="scale factor (default 1)")
    ns = parser.parse_args()
    work = REPO / ".tmp" / "bench" / f"daily-sf{ns.sf}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    env = {**os.environ, "WAREHOUSE_RAW_DIR": str(work / "raw"), "WAREHOUSE_DB_PATH": str(work / "warehouse.duckdb"),
           "WAREHOUSE_SIM_DIR": str(work / "sim"), "DBT_PROFILES_DIR": str(REPO),
           "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    py, dbt = str(BIN / "python"), str(BIN / "dbt")
    f: dict = {"scale_factor": float(ns.sf)}
    print(f"SF {ns.sf}: base extract + initial build ...", flush=True)
    f["initial_build_s"], f["initial_build_peak_mib"] = timed(
        [py, "-m", "warehouse", "build", "--sf", ns.sf, "--days", "0"], env, work / "initial.log")
    print("simulate one day ...", flush=True)
    f["simulate_day_s"], _ = timed([py, "-m", "warehouse", "simulate", "--days", "1"], env, work / "simulate.log")
    print("daily incremental dbt build (as `warehouse daily` runs it) ...", flush=True)
    f["daily_build_s"], f["daily_build_peak_mib"] = timed(
        [dbt, "build", "--exclude", DAILY_EXCLUDE], env, work / "daily_build.log")
    f["daily_build_layers_s"] = layer_seconds()
    print("dbt build with every test, no new data ...", flush=True)
    f["rerun_all_tests_s"], _ = timed([dbt, "build"], env, work / "rerun_all_tests.log")
    print("full-refresh dbt build ...", flush=True)
    f["full_build_s"], f["full_build_peak_mib"] = timed([dbt, "build", "--full-refresh"], env, work / "full_build.log")
    f["full_build_layers_s"] = layer_seconds()
    print("full-refresh dbt run (models only) ...", flush=True)
    f["full_run_s"], _ = timed([dbt, "run", "--full-refresh"], env, work / "full_run.log")
    print("incremental dbt run, no new data (models only) ...", flush=True)
    f["incremental_run_s"], _ = timed([dbt, "run"], env, work / "incremental_run.log")
    f["daily_over_full_build"] = f["daily_build_s"] / f["full_build_s"]
    f["incremental_run_over_full_run"] = f["incremental_run_s"] / f["full_run_s"]
    (work / "results.json").write_text(json.dumps(f, indent=2))
    print(json.dumps(f, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
