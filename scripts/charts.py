"""Draw the docs' charts (make charts): one customer's SCD type 2 history, and the test loop's
benchmark history.

- ``docs/images/scd2_customer_history.png``: the versions of the customer with the most
  versions in ``marts.dim_customer`` of the serving warehouse (ties: the lowest customer_id),
  one bar per version from valid_from to valid_to, labelled with its tracked values. The
  time axis shows the days of CDC changes; the base version's bar starts off the chart (its
  valid_from is printed).
- ``docs/images/bench_make_test.png``: ``CI=true bash .ci/run`` from a fresh clone, per
  revision, in minutes, from ``bench/history.csv``, with the 10-minute target.

Usage: python scripts/charts.py SERVING_WAREHOUSE [OUT_DIR (default docs/images)]
Exit 2 with one line when the warehouse file does not exist.
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
from pathlib import Path

import duckdb
import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
OPEN_END = dt.datetime(9999, 12, 31)


def scd2_customer_history(warehouse: Path, out: Path) -> str:
    """Draw the SCD type 2 timeline of one customer to ``out`` (PNG); return a one-line summary."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        customer_id = con.execute(
            "select customer_id from marts.dim_customer where customer_key <> -1 "
            "group by customer_id order by count(*) desc, customer_id limit 1"
        ).fetchone()[0]
        versions = con.execute(
            "select valid_from, valid_to, market_segment, account_balance, address, is_deleted "
            "from marts.dim_customer where customer_id = ? order by valid_from",
            [customer_id],
        ).fetchall()
    finally:
        con.close()
    changes = [v[0] for v in versions[1:]] or [versions[0][0]]
    start = min(changes) - dt.timedelta(days=1)
    end = max(max(changes), *(v[1] for v in versions if v[1] != OPEN_END)) + dt.timedelta(days=1)
    end += (end - start) * 0.6  # room for the current version's label (its bar is open-ended)
    fig, ax = plt.subplots(figsize=(9, 1.2 + 0.6 * len(versions)))
    for row, (valid_from, valid_to, segment, balance, address, deleted) in enumerate(versions):
        left, right = max(valid_from, start), min(valid_to, end)
        current = valid_to == OPEN_END
        ax.barh(row, right - left, left=left, height=0.5, color="#2b7bba" if current else "#9ecae1")
        since = valid_from.strftime("%Y-%m-%d") if valid_from < start else valid_from.strftime("%m-%d %H:%M")
        label = f"{segment}, balance {balance}, {address[:18]}{' (deleted)' if deleted else ''}  from {since}"
        ax.text(left, row + 0.36, label + (", current" if current else ""), fontsize=8, va="bottom")
    ax.set_yticks(range(len(versions)), [f"version {i + 1}" for i in range(len(versions))])
    ax.invert_yaxis()
    ax.set_xlim(start, end)
    ax.set_title(f"dim_customer: the versions of customer {customer_id} (SCD type 2, valid_from to valid_to)")
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return f"customer {customer_id}: {len(versions)} versions"


def bench_make_test(history: Path, out: Path) -> str:
    """Draw the fresh-clone ``.ci/run`` minutes per revision to ``out`` (PNG); return a summary."""
    rows = list(csv.DictReader(history.open()))
    minutes = [int(r["ci_run_seconds"]) / 60 for r in rows]
    fig, ax = plt.subplots(figsize=(9, 3.2))
    ax.bar(range(len(rows)), minutes, color=["#9ecae1" if m > 10 else "#2b7bba" for m in minutes])
    ax.axhline(10, color="#d62728", linestyle="--", linewidth=1)
    ax.text(len(rows) - 0.5, 10.2, "target: 10 min", color="#d62728", ha="right", fontsize=8)
    ax.set_xticks(range(len(rows)), [f"{r['revision']}\n{r['tests']} tests" for r in rows], fontsize=7)
    ax.set_ylabel("minutes")
    ax.set_title("make test from a fresh clone (CI=true bash .ci/run, 2 cores), per revision")
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return f"{len(rows)} runs, latest {minutes[-1]:.1f} min"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or len(args) > 2:
        print("usage: python scripts/charts.py SERVING_WAREHOUSE [OUT_DIR]", file=sys.stderr)
        return 2
    warehouse = Path(args[0])
    out_dir = Path(args[1]) if len(args) == 2 else REPO / "docs" / "images"
    if not warehouse.exists():
        print(f"error: no serving warehouse at {warehouse}: run make build first", file=sys.stderr)
        return 2
    out_dir.mkdir(parents=True, exist_ok=True)
    print("scd2_customer_history.png:", scd2_customer_history(warehouse, out_dir / "scd2_customer_history.png"))
    print("bench_make_test.png:", bench_make_test(REPO / "bench" / "history.csv", out_dir / "bench_make_test.png"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
