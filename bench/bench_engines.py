"""Benchmark: the same project on DuckDB, PostgreSQL, Spark and a DuckLake, a full build and one daily run.

For each scale factor, in a throw-away folder (``.tmp/bench/engines/sf<SF>/``), from one raw
zone landed once (tpchgen-cli) with one simulated day:

1. ``duckdb build``    ``python -m warehouse build`` (dbt build day by day, audit, publish);
2. ``postgres build``  ``python -m warehouse build --target postgres`` on a PostgreSQL server
                       of the benchmark's own (127.0.0.1, a free port; raw-zone load included);
   ``spark build``     ``python -m warehouse build --target spark`` on a Spark standalone
                       cluster of the benchmark's own (master + 2 workers + Thrift Server,
                       free ports; cluster start-up and raw-zone registration included);
   ``lake build``      ``python -m warehouse build --target lake``: a DuckLake whose catalog is
                       on that PostgreSQL server (started here if postgres is not benchmarked),
                       audited and published by snapshot;
3. then one more simulated day: ``duckdb daily`` (``python -m warehouse daily``),
   ``postgres daily`` (the next day's partitions loaded, ``dbt build --target postgres``),
   ``spark daily`` (the new partitions registered, ``dbt build --target spark``) and
   ``lake daily`` (``python -m warehouse daily --target lake``, tests windowed on the day as
   the file's, on a copy of the raw zone and simulator state: the same simulated day).

For DuckDB and the lake also: the publish step's seconds (the file's copy and rename, the
lake's one row; from the build and daily output) and a reader's latency (median of 5: open
the published warehouse, read-only, and run a TPC-H Q1-style aggregate over
``marts.fct_order_lines``).

Prints wall seconds and peak memory (max RSS of the step's process tree, from ``wait4``; the
PostgreSQL server's and the Spark daemons' own processes are not in that tree: their peak is
reported apart, from ``/proc/<pid>/status`` VmHWM of the postmaster and its children, and of
the Spark master, workers, executors and Thrift Server, at the end) and each engine's
ratio to DuckDB. Figures only: nothing here asserts a time. Results also go to
``.tmp/bench/engines/results.json``.

Usage: ``.venv/bin/python bench/bench_engines.py --sf 0.1 [1] [--engines postgres spark lake]``
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_build import timed  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_peak_mib(pid: int) -> float:
    """Sum of VmHWM (peak resident set) of the postmaster ``pid`` and its children, MiB."""
    total = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def _spark_peak_mib(services: Path) -> float:
    """Sum of VmHWM of the Spark daemons recorded under ``services/spark`` and their children
    (the executors the workers start), MiB."""
    total = 0.0
    for pid_file in sorted((services / "spark").glob("*.pid")):
        total += _server_peak_mib(int(pid_file.read_text().split()[0]))
    return total


READER_SQL = (
    "select return_flag, line_status, sum(quantity), sum(extended_price), count(*) "
    "from marts.fct_order_lines group by all order by all"
)


def _publish_seconds(log: Path) -> float | None:
    """Seconds of the publish step a build or daily log reports (the line after ``publish:``)."""
    lines = log.read_text().splitlines()
    for i, line in enumerate(lines):
        if " publish: " in line and i + 1 < len(lines) and lines[i + 1].rstrip().endswith(" s)"):
            return float(lines[i + 1].rstrip()[:-3].rsplit("(", 1)[1])
    return None


def _reader_seconds(env: dict[str, str], engine: str) -> float:
    """Median seconds, of 5, for a reader to open the published warehouse and run READER_SQL."""
    code = (
        "import statistics, sys, time\n"
        "from warehouse import lake, serving\n"
        "from pathlib import Path\n"
        "times = []\n"
        "for _ in range(5):\n"
        "    t = time.perf_counter()\n"
        f"    con = lake.Lake.from_env().open_published() if {engine == 'lake'} else "
        "serving.open_warehouse(Path(sys.argv[1]), read_only=True)\n"
        f"    con.execute({READER_SQL!r}).fetchall()\n"
        "    con.close()\n"
        "    times.append(time.perf_counter() - t)\n"
        "print(statistics.median(times))\n"
    )
    proc = subprocess.run(
        [str(BIN / "python"), "-c", code, env["WAREHOUSE_SERVING_PATH"]],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return round(float(proc.stdout.strip()), 3)


def bench_one(sf: str, root: Path, engines: list[str]) -> dict:
    """The engines' full build and daily run at scale factor ``sf``; return the figures."""
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    for parent in [root, *root.parents]:  # the server runs as user postgres when we are root
        if parent in (Path("/"), Path("/tmp")):
            break
        parent.chmod(parent.stat().st_mode | 0o011)
    env = {
        **os.environ,
        "WAREHOUSE_RAW_DIR": str(root / "raw"),
        "WAREHOUSE_SIM_DIR": str(root / "sim"),
        "WAREHOUSE_DB_PATH": str(root / "build" / "warehouse.duckdb"),
        "WAREHOUSE_SERVING_PATH": str(root / "warehouse.duckdb"),
        "WAREHOUSE_SERVICES_DIR": str(root / "services"),
        "WAREHOUSE_PG_PORT": str(_free_port()),
        "WAREHOUSE_SPARK_MASTER_PORT": str(_free_port()),
        "WAREHOUSE_SPARK_MASTER_UI_PORT": str(_free_port()),
        "WAREHOUSE_SPARK_THRIFT_PORT": str(_free_port()),
        "WAREHOUSE_SPARK_VENV": str(REPO / ".venv-spark"),
        "WAREHOUSE_LAKE_DIR": str(root / "lake"),
        "WAREHOUSE_LAKE_CATALOG": "postgres",
        "DBT_TARGET_PATH": str(root / "target"),
        "DBT_LOG_PATH": str(root / "logs"),
        "DBT_PROFILES_DIR": str(REPO),
    }
    env.pop("WAREHOUSE_PG_PASSWORD", None)
    env.pop("WAREHOUSE_SPARK_HOST", None)
    py = str(BIN / "python")
    out: dict = {"sf": sf}
    for land in (["generate", "--sf", sf], ["simulate", "--days", "1"]):
        subprocess.run([py, "-m", "warehouse", *land], cwd=REPO, env=env, check=True, capture_output=True)
    try:
        steps = [("duckdb build", [py, "-m", "warehouse", "build", "--sf", sf, "--days", "1"])]
        steps += [
            (f"{e} build", [py, "-m", "warehouse", "build", "--sf", sf, "--days", "1", "--target", e]) for e in engines
        ]
        steps += [("duckdb daily", [py, "-m", "warehouse", "daily"])]
        # The engines' daily run: the day duckdb daily simulated, built on the engine. The lake
        # runs `daily --target lake` itself (tests windowed on the day, as the file's daily) on
        # a copy of the raw zone and simulator state taken before the file's daily: the
        # simulator is deterministic, so both simulate the same day.
        steps += [
            (f"{e} daily", [py, "-m", "warehouse", "build", "--sf", sf, "--days", "2", "--target", e])
            for e in engines
            if e != "lake"
        ]
        lake_env = {**env, "WAREHOUSE_RAW_DIR": str(root / "lake_raw"), "WAREHOUSE_SIM_DIR": str(root / "lake_sim")}
        if "lake" in engines:
            steps.append(("lake daily", [py, "-m", "warehouse", "daily", "--target", "lake"]))
        for step, cmd in steps:
            if step == "duckdb daily" and "lake" in engines:
                shutil.copytree(root / "raw", root / "lake_raw")
                shutil.copytree(root / "sim", root / "lake_sim")
            step_env = lake_env if step == "lake daily" else env
            seconds, mib = timed(cmd, step_env, root / f"{step.replace(' ', '_')}.log")
            out[step] = {"seconds": round(seconds, 1), "peak_mib": round(mib)}
            print(f"SF {sf} {step:<15} {seconds:7.1f} s  {mib:6.0f} MiB", flush=True)
        for step in ("duckdb build", "duckdb daily", *(f"lake {k}" for k in ("build", "daily") if "lake" in engines)):
            out[f"{step} publish_seconds"] = _publish_seconds(root / f"{step.replace(' ', '_')}.log")
        out["duckdb reader_seconds"] = _reader_seconds(env, "duckdb")
        if "lake" in engines:
            out["lake reader_seconds"] = _reader_seconds(env, "lake")
        for key in [k for k in out if k.endswith(("publish_seconds", "reader_seconds"))]:
            print(f"SF {sf} {key}: {out[key]} s", flush=True)
        if "postgres" in engines or "lake" in engines:
            pid = int((root / "services" / "postgres" / "postgres.pid").read_text().split()[0])
            out["postgres server peak_mib"] = round(_server_peak_mib(pid))
        if "spark" in engines:
            out["spark server peak_mib"] = round(_spark_peak_mib(root / "services"))
    finally:
        subprocess.run([py, "-m", "warehouse", "services", "stop"], cwd=REPO, env=env, capture_output=True)
    if "lake" in engines and "postgres" not in engines:
        out["lake server peak_mib"] = out.pop("postgres server peak_mib")
    for engine in engines:
        for kind in ("build", "daily"):
            ratio = out[f"{engine} {kind}"]["seconds"] / out[f"duckdb {kind}"]["seconds"]
            out[f"{engine}/duckdb {kind}"] = round(ratio, 2)
            print(f"SF {sf} {engine}/duckdb {kind}: {ratio:.2f}x", flush=True)
        print(f"SF {sf} {engine} server peak (its daemons + children): {out[f'{engine} server peak_mib']} MiB")
    return out


def main() -> int:
    """Run :func:`bench_one` for each ``--sf``; write the results JSON; return 0."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sf", nargs="+", default=["0.1"], help="scale factors (default 0.1)")
    parser.add_argument(
        "--engines",
        nargs="+",
        default=["postgres", "spark"],
        choices=["postgres", "spark", "lake"],
        help="besides DuckDB (lake: the DuckLake target)",
    )
    ns = parser.parse_args()
    base = REPO / ".tmp" / "bench" / "engines"
    results = [bench_one(sf, base / f"sf{sf}", ns.engines) for sf in ns.sf]
    (base / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
