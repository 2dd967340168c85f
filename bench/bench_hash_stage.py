"""Hashed staging as a view or as a table, and the hash keys' stored form (issue #16, item 3).

Reads a built warehouse (read-only) and the SQL dbt compiled for a full refresh of the raw
vault, and times, in a scratch DuckDB file beside nothing else:

1. the raw-vault models that read ``hashed_line_items`` (a link, two satellites, three hubs)
   as dbt builds them: from the view, which computes the hashes for each of them;
2. the same SQL after ``hashed_line_items`` is materialized as a table: the cost of the table
   plus the models reading it;
3. ``link_order_line`` stored with its four hash keys as 32-character text (today) and as
   16-byte BLOBs (``unhex``), and without them.

Usage (after a ``--full-refresh`` build whose target/ holds the compiled SQL)::

    python bench/bench_hash_stage.py --db .tmp/bench/daily-sf1/build/warehouse.duckdb --target target

Prints seconds per step and writes nothing into the warehouse. Figures go to bench/README.md.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import duckdb

STAGE = '"warehouse"."vault_staging"."hashed_line_items"'
CONSUMERS = [
    "links/link_order_line",
    "satellites/sat_order_line_details",
    "satellites/sat_order_line_effectivity",
    "hubs/hub_order",
    "hubs/hub_part",
    "hubs/hub_supplier",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, help="built warehouse file (opened read-only)")
    parser.add_argument("--target", default="target", help="dbt target folder with the compiled SQL")
    parser.add_argument("--threads", type=int, default=2)
    ns = parser.parse_args()
    compiled = Path(ns.target) / "compiled/tpch_warehouse/models/vault/raw_vault"
    sql = {name: (compiled / f"{name}.sql").read_text() for name in CONSUMERS}
    if any("is_incremental" in s or "existing." in s for s in sql.values()):
        raise SystemExit(f"error: {compiled} holds incremental SQL; compile after a --full-refresh build")

    with tempfile.TemporaryDirectory() as scratch:
        con = duckdb.connect(str(Path(scratch) / "scratch.duckdb"))
        con.execute(f"set threads = {ns.threads}")
        con.execute(f"attach '{ns.db}' as warehouse (read_only)")

        def timed(label: str, statement: str) -> float:
            start = time.perf_counter()
            con.execute(statement)
            con.execute("checkpoint")
            seconds = time.perf_counter() - start
            print(f"  {seconds:6.2f} s  {label}", flush=True)
            return seconds

        print("1. models reading the view (as dbt builds them)")
        from_view = sum(timed(name, f"create table v_{i} as {s}") for i, (name, s) in enumerate(sql.items()))
        print("2. the view materialized as a table, then the same models reading the table")
        stage = timed("hashed_line_items as a table", f"create table stage as select * from {STAGE}")
        from_table = sum(
            timed(name, f"create table t_{i} as {s.replace(STAGE, 'stage')}") for i, (name, s) in enumerate(sql.items())
        )
        print("3. link_order_line's stored form")
        keys = ["order_line_hk", "order_hk", "part_hk", "supplier_hk"]
        rest = "line_number, load_datetime, record_source, cdc_load_date"
        text = timed(
            "4 hash keys as VARCHAR(32)",
            f"create table k_text as select {', '.join(keys)}, {rest} from warehouse.vault.link_order_line",
        )
        blob = timed(
            "4 hash keys as 16-byte BLOB",
            "create table k_blob as select "
            f"{', '.join(f'unhex({k}) as {k}' for k in keys)}, {rest} from warehouse.vault.link_order_line",
        )
        none = timed("no hash keys", f"create table k_none as select {rest} from warehouse.vault.link_order_line")
        con.close()
    print(
        f"view: {from_view:.1f} s; table: {stage:.1f} + {from_table:.1f} = {stage + from_table:.1f} s; "
        f"link stored as text {text:.1f} s, as blob {blob:.1f} s, without keys {none:.1f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
