"""Benchmark: the two TPC-H generators, tpchgen-cli and DuckDB's reference dbgen.

For each scale factor and generator, ``python -m warehouse generate --generator <g>`` lands a
whole raw zone (generate, cast, rewrite as zstd Parquet with ``_loaded_at``, manifest) in a
throw-away folder (``.tmp/bench/generators/``), one after the other so they never share the
machine. Prints wall seconds, peak memory (max RSS of the command's process tree, from
``wait4``: tpchgen-cli is a child process, dbgen runs inside DuckDB) and the landed size, and
the ratios dbgen / tpchgen of the same run. Figures only: nothing here asserts a time.

Usage: ``.venv/bin/python bench/bench_generators.py --sf 1 10``
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import BIN, REPO, timed  # noqa: E402

from warehouse.raw_zone import GENERATORS  # noqa: E402


def main() -> None:
    """Run the benchmark for ``--sf`` (one or more scale factors) and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sf", nargs="+", default=["1"], help="scale factors (default 1)")
    args = parser.parse_args()
    root = REPO / ".tmp" / "bench" / "generators"
    print(f"{'SF':>5} {'generator':<9} {'seconds':>8} {'peak MiB':>9} {'landed MiB':>10}")
    for sf in args.sf:
        figures = {}
        for generator in GENERATORS:
            raw_dir = root / f"sf{sf}-{generator}"
            shutil.rmtree(raw_dir, ignore_errors=True)
            cmd = [str(BIN / "python"), "-m", "warehouse", "generate", "--sf", sf]
            cmd += ["--generator", generator, "--raw-dir", str(raw_dir)]
            root.mkdir(parents=True, exist_ok=True)
            seconds, peak = timed(cmd, dict(os.environ), log=root / f"sf{sf}-{generator}.log")
            size = sum(p.stat().st_size for p in raw_dir.rglob("*.parquet")) / 1024**2
            figures[generator] = (seconds, peak)
            print(f"{sf:>5} {generator:<9} {seconds:8.1f} {peak:9.0f} {size:10.1f}", flush=True)
            shutil.rmtree(raw_dir)
        (t_seconds, t_peak), (d_seconds, d_peak) = figures["tpchgen"], figures["dbgen"]
        print(f"{sf:>5} dbgen / tpchgen: time {d_seconds / t_seconds:.1f}x, peak memory {d_peak / t_peak:.1f}x")


if __name__ == "__main__":
    main()
