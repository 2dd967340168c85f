"""Benchmark Write-Audit-Publish's publish step: copy + stamp + atomic rename of a build
warehouse to a serving path, while a reader keeps the old serving file open.

Figures, not tests. Usage:
    .venv/bin/python bench/bench_publish.py [--build .tmp/bench/sf1/warehouse.duckdb] [--runs 3]

Works on a copy of the given build warehouse in .tmp/bench/publish/ (the original is never
touched; `make bench` leaves an SF 1 build at the default path). Prints, per run, the publish
time, the file size and throughput, and the latency of a new reader's first query on the freshly
published file; writes .tmp/bench/publish/results.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from warehouse import serving  # noqa: E402

WORK = Path(".tmp/bench/publish")
QUERY = "select count(*), sum(net_amount) from marts.fct_order_lines"


def _fresh_reader_seconds(db: Path) -> float:
    """Seconds a new reader process takes to open ``db`` read-only and run QUERY (measured
    inside that process: a process's own open connection would pin the old file)."""
    code = (
        "import duckdb, sys, time; t = time.perf_counter(); "
        "con = duckdb.connect(sys.argv[1], read_only=True); con.execute(sys.argv[2]).fetchone(); "
        "print(time.perf_counter() - t)"
    )
    out = subprocess.run([sys.executable, "-c", code, str(db), QUERY], capture_output=True, text=True, check=True)
    return float(out.stdout)


def main() -> int:
    """Run the benchmark; return 0 (1 when the build warehouse is missing)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default=".tmp/bench/sf1/warehouse.duckdb", help="build warehouse to publish")
    parser.add_argument("--runs", type=int, default=3)
    ns = parser.parse_args()
    source = Path(ns.build)
    if not source.exists():
        print(f"no build warehouse at {source}: run `make bench` (SF 1) first", file=sys.stderr)
        return 1
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    build, target = WORK / "build" / "warehouse.duckdb", WORK / "serving" / "warehouse.duckdb"
    build.parent.mkdir()
    shutil.copyfile(source, build)
    serving.publish(build, target)  # a first serving file for the reader to hold
    reader = duckdb.connect(str(target), read_only=True)
    held = reader.execute(QUERY).fetchone()
    runs = []
    for i in range(1, ns.runs + 1):
        started = time.perf_counter()
        pub = serving.publish(build, target)
        seconds = time.perf_counter() - started
        assert reader.execute(QUERY).fetchone() == held  # the held reader is undisturbed
        first_query = _fresh_reader_seconds(target)
        runs.append(
            {
                "publish_s": round(seconds, 2),
                "size_mib": round(pub.size_bytes / 2**20, 1),
                "mib_per_s": round(pub.size_bytes / 2**20 / seconds),
                "fresh_reader_first_query_s": round(first_query, 3),
            }
        )
        print(
            f"run {i}: publish {seconds:.2f} s for {pub.size_bytes / 2**20:,.0f} MiB "
            f"({pub.size_bytes / 2**20 / seconds:,.0f} MiB/s); a new reader's first query {first_query:.3f} s",
            flush=True,
        )
    reader.close()
    summary = {"build": str(source), "runs": runs, "median_publish_s": statistics.median(r["publish_s"] for r in runs)}
    (WORK / "results.json").write_text(json.dumps(summary, indent=2) + "\n")
    print(f"median publish {summary['median_publish_s']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
