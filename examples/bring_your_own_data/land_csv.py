"""Land a CSV file in the raw zone as one Parquet partition (the bring-your-own-data example).

Writes ``<raw_dir>/<system>/<table>/load_date=<YYYY-MM-DD>/part-0.parquet``: the CSV's columns
(types inferred by DuckDB's CSV sniffer) plus ``_loaded_at``, the UTC time of the landing, which
is what dbt source freshness reads. This is the layout the project's sources read (Hive
partitioning by load_date), so a source defined like ``fx`` in this example reads every landed
day.

Idempotent: landing the same CSV for the same load date again changes nothing (the partition's
data is compared, ignoring ``_loaded_at``); a different CSV for that date replaces the
partition, atomically (written beside it, then renamed), so a reader never sees half a file.

Usage: python examples/bring_your_own_data/land_csv.py CSV --system fx --table exchange_rates
       [--load-date YYYY-MM-DD (default today, UTC)] [--raw-dir DIR (default $WAREHOUSE_RAW_DIR or data/raw)]
Exit 2 with one line on a missing or unreadable CSV.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

import duckdb


def land(csv: Path, raw_dir: Path, system: str, table: str, load_date: dt.date) -> str:
    """Land ``csv`` as the ``load_date`` partition of ``system``/``table``; return what happened
    ('landed', 'replaced' or 'unchanged') with the row count, e.g. 'landed 8 rows'."""
    partition = raw_dir / system / table / f"load_date={load_date.isoformat()}"
    target = partition / "part-0.parquet"
    con = duckdb.connect()
    try:
        con.execute("create temp table landing as select * from read_csv(?, header = true)", [str(csv)])
        rows = con.execute("select count(*) from landing").fetchone()[0]
        if target.exists():
            con.execute(
                "create temp table landed as select * exclude (_loaded_at) "
                "from read_parquet(?, hive_partitioning = false)",
                [str(target)],
            )
            columns = "select column_name, data_type from duckdb_columns() where table_name = ? order by column_index"
            same = con.execute(columns, ["landing"]).fetchall() == con.execute(columns, ["landed"]).fetchall()
            same = (
                same
                and con.execute(
                    "select count(*) = 0 from ((select * from landing except all select * from landed) "
                    "union all (select * from landed except all select * from landing))"
                ).fetchone()[0]
            )
            if same:
                return f"unchanged {rows} rows"
        partition.mkdir(parents=True, exist_ok=True)
        tmp = partition / ".part-0.parquet.tmp"
        loaded_at = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
        con.execute(
            f"copy (select *, cast(? as timestamp) as _loaded_at from landing) to '{tmp}' (format parquet)",
            [loaded_at],
        )
        existed = target.exists()
        tmp.replace(target)
        return f"{'replaced' if existed else 'landed'} {rows} rows"
    finally:
        con.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", type=Path)
    parser.add_argument("--system", required=True, help="source system folder, e.g. fx")
    parser.add_argument("--table", required=True, help="table folder, e.g. exchange_rates")
    parser.add_argument("--load-date", type=dt.date.fromisoformat, default=dt.datetime.now(dt.UTC).date())
    parser.add_argument("--raw-dir", type=Path, default=Path(os.environ.get("WAREHOUSE_RAW_DIR", "data/raw")))
    args = parser.parse_args(argv)
    if not args.csv.is_file():
        print(f"error: no CSV file at {args.csv}", file=sys.stderr)
        return 2
    try:
        outcome = land(args.csv, args.raw_dir, args.system, args.table, args.load_date)
    except duckdb.Error as exc:
        print(f"error: cannot read {args.csv} as CSV: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 2
    print(f"{args.system}.{args.table} load_date={args.load_date}: {outcome}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
