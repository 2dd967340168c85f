"""Benchmark: the speed layer's query latency and the timestamp-based extractor's cost.

For each scale factor, in a throw-away folder (``.tmp/bench/speed/sf<SF>/``):

1. ``build``      ``python -m warehouse build --sf SF --days 1`` (land, simulate one day with
                  both CDC feeds, dbt build, audit, publish);
2. ``simulate``   one more simulated day, not built (the log-based feed lands, then the
                  timestamp-based extractor runs: ``python -m warehouse simulate --days 1``);
   ``extract``    the extractor again, nothing new to land (``extract --method timestamp``:
                  one query per table and the watermark check);
3. reads on the serving warehouse, median of 3 each: ``live`` (``serving.open_live``) and
   ``batch`` (the locked read path): open, then count and sum ``net_amount`` over
   ``fct_orders`` and over ``fct_order_lines``; the live views recompute the keys the
   unbuilt day touches;
4. ``next build`` ``python -m warehouse build --sf SF --days 2``, which builds the day the views showed.

Prints wall seconds (and peak memory of the command steps) and the live/batch ratio. Figures
only: nothing here asserts a time. Results also go to ``.tmp/bench/speed/results.json``.

Usage: ``.venv/bin/python bench/bench_speed_layer.py --sf 0.1 [1]``
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_build import timed  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
QUERIES = {
    "fct_orders": "select count(*), sum(net_amount) from {schema}.fct_orders",
    "fct_order_lines": "select count(*), sum(net_amount) from {schema}.fct_order_lines",
}


def _read_seconds(open_connection, schema: str, sql: str) -> tuple[float, float]:
    """(open seconds, query seconds) of one fresh reader."""
    t0 = time.perf_counter()
    con = open_connection()
    t1 = time.perf_counter()
    try:
        con.execute(sql.format(schema=schema)).fetchall()
    finally:
        con.close()
    return t1 - t0, time.perf_counter() - t1


def run(sf: str, root: Path) -> dict:
    from warehouse import serving

    work = root / f"sf{sf}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    serving_path = work / "warehouse.duckdb"
    env = {
        **os.environ,
        "WAREHOUSE_RAW_DIR": str(work / "raw"),
        "WAREHOUSE_SIM_DIR": str(work / "sim"),
        "WAREHOUSE_DB_PATH": str(work / "build" / "warehouse.duckdb"),
        "WAREHOUSE_SERVING_PATH": str(serving_path),
        "DBT_TARGET_PATH": str(work / "target"),
        "DBT_LOG_PATH": str(work / "logs"),
    }
    py = str(BIN / "python")
    out: dict[str, object] = {"sf": sf}
    print(f"==> SF {sf}: build (1 day)", flush=True)
    out["build"] = timed([py, "-m", "warehouse", "build", "--sf", sf, "--days", "1"], env, work / "build.log")
    print(f"  {out['build'][0]:.1f} s; simulate one more day (log feed + timestamp extraction)", flush=True)
    out["simulate"] = timed([py, "-m", "warehouse", "simulate", "--days", "1"], env, work / "simulate.log")
    out["extract"] = timed([py, "-m", "warehouse", "extract", "--method", "timestamp"], env, work / "extract.log")
    reads: dict[str, dict[str, float]] = {}
    for fact, sql in QUERIES.items():
        for kind, opener, schema in (
            ("live", lambda: serving.open_live(serving_path), "live"),
            ("batch", lambda: serving.open_warehouse(serving_path, read_only=True), "marts"),
        ):
            runs = [_read_seconds(opener, schema, sql) for _ in range(3)]
            reads[f"{kind} {fact}"] = {
                "open": statistics.median(r[0] for r in runs),
                "query": statistics.median(r[1] for r in runs),
            }
    out["reads"] = reads
    con = serving.open_live(serving_path)
    try:
        out["live_summary"] = serving.describe_live(con)
    finally:
        con.close()
    print("  next build (the day the views showed)", flush=True)
    out["next build"] = timed([py, "-m", "warehouse", "build", "--sf", sf, "--days", "2"], env, work / "next_build.log")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sf", nargs="+", default=["0.1"])
    args = parser.parse_args()
    root = REPO / ".tmp" / "bench" / "speed"
    root.mkdir(parents=True, exist_ok=True)
    results = [run(sf, root) for sf in args.sf]
    (root / "results.json").write_text(json.dumps(results, indent=2, default=str) + "\n")
    for r in results:
        print(f"\nSF {r['sf']}")
        for step in ("build", "simulate", "extract", "next build"):
            seconds, mib = r[step]
            print(f"  {step:<32} {seconds:8.1f} s  {mib:8.0f} MiB")
        for name, t in r["reads"].items():
            print(f"  read {name:<27} open {t['open']:.3f} s, query {t['query']:.3f} s")
        for fact in QUERIES:
            live, batch = r["reads"][f"live {fact}"]["query"], r["reads"][f"batch {fact}"]["query"]
            print(f"  {fact}: live / batch query = {live / batch:.1f}x")
        print("  " + r["live_summary"].replace("\n", "\n  "))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
