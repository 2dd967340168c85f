"""Benchmark: a daily run versus a full build at a given scale factor, end to end, as a user
runs them (``make build SF=<sf> DAYS=1`` and ``make daily``).

In a throw-away folder (``.tmp/bench/daily-sf<SF>/``):

1. land the base extract and one simulated day (``generate`` + ``simulate``): the raw zone;
2. ``python -m warehouse build --sf SF --days 1`` from the landed data, no warehouse yet:
   the full build end to end (contract check, dbt per day, audit, publish);
3. ``python -m warehouse daily``: the next day end to end (land the day, incremental dbt
   build with its tests windowed on the day's rows, audit, publish);
4. ``python -m warehouse daily --full-test``: the same with every test on every row;
5. ``python -m warehouse repair --from <the first daily's load date>``: a repair of the last
   two days (raw vault rolled back and reloaded, the rest recomputed, every test, full audit,
   publish);
6. ``dbt build --full-refresh`` and ``dbt build --full-refresh --exclude-resource-type test
   unit_test``: the dbt part of a full rebuild, with and without tests.

Each CLI run's own split (dbt seconds, audit, publish) is read from its output; dbt's
per-layer thread-seconds from target/run_results.json. Prints the ratios the issue sets
(daily / full build end to end, daily dbt / full-refresh dbt). Figures only: nothing here
asserts a time.

Usage: ``.venv/bin/python bench/bench_daily.py --sf 1``
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import BIN, REPO, timed  # noqa: E402


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


def cli_split(log: Path) -> dict[str, float]:
    """Seconds of a CLI run's parts, read from its output: dbt, audit, publish."""
    text = log.read_text()
    found = {}
    for name, pattern in (
        ("dbt_s", r"\(dbt ([0-9.]+) s\)"),
        ("audit_s", r"audit passed \(([0-9.]+) s\)"),
        ("publish_s", r"MiB \(([0-9.]+) s\)"),
    ):
        match = re.findall(pattern, text)
        if match:
            found[name] = float(match[-1])
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sf", default="1", help="scale factor (default 1)")
    ns = parser.parse_args()
    work = REPO / ".tmp" / "bench" / f"daily-sf{ns.sf}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    env = {
        **os.environ,
        "WAREHOUSE_RAW_DIR": str(work / "raw"),
        "WAREHOUSE_DB_PATH": str(work / "build" / "warehouse.duckdb"),
        "WAREHOUSE_SERVING_PATH": str(work / "warehouse.duckdb"),
        "WAREHOUSE_SIM_DIR": str(work / "sim"),
        "DBT_PROFILES_DIR": str(REPO),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    py, dbt = str(BIN / "python"), str(BIN / "dbt")
    f: dict = {"scale_factor": float(ns.sf)}

    def step(name: str, cmd: list[str], split: bool = False) -> None:
        print(f"{name} ...", flush=True)
        log = work / f"{name}.log"
        f[f"{name}_s"], f[f"{name}_peak_mib"] = timed(cmd, env, log)
        if split:
            f[f"{name}_split_s"] = cli_split(log)
        if cmd[0] == dbt or split:
            f[f"{name}_dbt_layers_s"] = layer_seconds()
        print(f"  {f[f'{name}_s']:.1f} s", flush=True)

    step("land", [py, "-m", "warehouse", "generate", "--sf", ns.sf])
    f["simulate_s"], _ = timed([py, "-m", "warehouse", "simulate", "--days", "1"], env, work / "simulate.log")
    step("full_build", [py, "-m", "warehouse", "build", "--sf", ns.sf, "--days", "1"], split=True)
    step("daily", [py, "-m", "warehouse", "daily"], split=True)
    step("daily_full_test", [py, "-m", "warehouse", "daily", "--full-test"], split=True)
    dates = sorted(d.name.split("=", 1)[1] for d in (work / "raw" / "cdc" / "orders").glob("load_date=*"))
    step("repair_2_days", [py, "-m", "warehouse", "repair", "--from", dates[-2]], split=True)
    step("dbt_full_refresh", [dbt, "build", "--full-refresh"])
    step("dbt_full_refresh_untested", [dbt, "build", "--full-refresh", "--exclude-resource-type", "test", "unit_test"])
    f["daily_over_full_build"] = round(f["daily_s"] / f["full_build_s"], 3)
    f["repair_over_full_build"] = round(f["repair_2_days_s"] / f["full_build_s"], 3)
    dbt_daily = f["daily_split_s"].get("dbt_s")
    if dbt_daily:
        f["daily_dbt_over_full_refresh_dbt"] = round(dbt_daily / f["dbt_full_refresh_s"], 3)
    (work / "results.json").write_text(json.dumps(f, indent=2))
    print(json.dumps(f, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
