"""Timestamp-based change data capture: the second way to read the simulated source system.

Log-based CDC (warehouse.cdc) delivers every committed change as an event. Many sources offer
only an ``updated_at`` column instead; an extractor then asks, per table, for the rows with
``updated_at`` after the last watermark. This module is that extractor, run against the
simulator's source system (``<sim_dir>/source.duckdb``, opened read-only), nightly after each
simulated day (:func:`warehouse.cdc.simulate` runs it) or by hand::

    python -m warehouse extract --method timestamp [--overlap-minutes 60]

It lands its own raw-zone feed beside the log-based one::

    <raw_dir>/ts/<table>/load_date=YYYY-MM-DD/rows-<n>.parquet   the source columns, updated_at,
                                                                 _extracted_at (wall clock, UTC)
    <raw_dir>/ts/_watermarks.json                                per table: watermark (newest
                                                                 updated_at landed), floor,
                                                                 load_date, extracted_at

``load_date`` is the simulator's current business date. Each run reads, per table, the rows
with ``updated_at`` after ``max(watermark - overlap, floor)``: the overlap window re-reads the
last stretch before the watermark, so a row whose transaction committed after the previous
run with an earlier ``updated_at`` (a late commit) is still caught; rows already landed (same
key and ``updated_at``) are not landed again, so a re-run with nothing new lands nothing and
leaves the watermarks as they were. ``floor`` is the initial load's watermark (the base
extract, midnight of the base business date): nothing before it is ever re-read.

What it cannot see, by construction, is what the comparison model
``int_cdc_capture_comparison`` counts against the log-based feed: deletes (a deleted row is
simply gone), intermediate states (a row changed twice between runs lands once, in its final
state) and A -> B -> A within a day (a row that ends the day as it began lands as an update that
changes nothing).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse.cdc import CDC_TABLES, SOURCE_DB

TS_ZONE = "ts"
WATERMARKS = "_watermarks.json"
DEFAULT_OVERLAP = dt.timedelta(hours=1)
KEYS: dict[str, tuple[str, ...]] = {
    "customer": ("c_custkey",),
    "part": ("p_partkey",),
    "supplier": ("s_suppkey",),
    "partsupp": ("ps_partkey", "ps_suppkey"),
    "orders": ("o_orderkey",),
    "lineitem": ("l_orderkey", "l_linenumber"),
}
"""Primary key of each source table (the extractor's deduplication key, with updated_at)."""


class ExtractError(Exception):
    """The extraction cannot run (no simulated source, no updated_at column); one line."""


@dataclass(frozen=True)
class TableExtract:
    """One table's extraction: rows landed (0 when nothing changed), the watermark before and
    after (UTC, naive), and the file written (None when nothing was landed)."""

    table: str
    rows: int
    watermark_before: dt.datetime
    watermark_after: dt.datetime
    file: Path | None


def read_watermarks(raw_dir: Path) -> dict[str, dict[str, str]]:
    """The per-table watermark state of ``<raw_dir>/ts/_watermarks.json`` ({} before the first
    run): table -> {"watermark", "floor", "load_date", "extracted_at"} (ISO-8601 strings)."""
    path = Path(raw_dir) / TS_ZONE / WATERMARKS
    return json.loads(path.read_text()) if path.exists() else {}


def _write_json_atomically(path: Path, data: dict) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    tmp.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")
    os.replace(tmp, path)


def _literal(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def extract(
    raw_dir: Path,
    sim_dir: Path,
    overlap: dt.timedelta = DEFAULT_OVERLAP,
    con: duckdb.DuckDBPyConnection | None = None,
) -> list[TableExtract]:
    """Land the rows changed since each table's watermark into the ``ts`` feed; return one
    :class:`TableExtract` per table (in ``CDC_TABLES`` order).

    ``con``: an open connection on the source database (the simulator's, right after a day);
    by default the source is opened read-only here. ``overlap``: how far before the watermark
    each run re-reads (late commits), never before the floor. Files are written under a
    temporary name and renamed; the watermarks file is replaced after every table's rows have
    landed, so an interrupted run lands its rows again next time, never loses them (they are
    deduplicated on key and updated_at).

    Raises ExtractError when there is no simulated source or it has no ``updated_at`` column;
    ValueError for a negative overlap."""
    if overlap < dt.timedelta(0):
        raise ValueError(f"the overlap window must be 0 or more, got {overlap}")
    raw_dir, sim_dir = Path(raw_dir), Path(sim_dir)
    source = sim_dir / SOURCE_DB
    own = con is None
    if own:
        if not source.exists():
            raise ExtractError(f"no simulated source system in {sim_dir}: run `python -m warehouse simulate` first")
        con = duckdb.connect(str(source), read_only=True)
    try:
        missing = [
            t
            for t in CDC_TABLES
            if not con.execute(
                "select count(*) from duckdb_columns() where table_name = ? and column_name = 'updated_at' "
                "and database_name = current_database()",
                [t],
            ).fetchone()[0]
        ]
        if missing:
            raise ExtractError(
                f"the source tables {', '.join(missing)} have no updated_at column: "
                "run `python -m warehouse simulate` once (it adds the column)"
            )
        meta = dict(con.execute("select key, value from sim_meta").fetchall())
        base = dt.date.fromisoformat(meta["base_business_date"])
        load_date = base + dt.timedelta(days=int(meta["day"]))
        floor = dt.datetime.combine(base, dt.time())
        state = read_watermarks(raw_dir)
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
        results = []
        for table in CDC_TABLES:
            results.append(_extract_table(con, raw_dir, table, state, floor, overlap, load_date, now))
        zone = raw_dir / TS_ZONE
        zone.mkdir(parents=True, exist_ok=True)
        _write_json_atomically(zone / WATERMARKS, state)
        return results
    finally:
        if own:
            con.close()


def _extract_table(
    con,
    raw_dir: Path,
    table: str,
    state: dict[str, dict[str, str]],
    floor: dt.datetime,
    overlap: dt.timedelta,
    load_date: dt.date,
    now: dt.datetime,
) -> TableExtract:
    keys = KEYS[table]
    entry = state.get(table, {})
    floor = dt.datetime.fromisoformat(entry.get("floor", floor.isoformat()))
    before = dt.datetime.fromisoformat(entry.get("watermark", floor.isoformat()))
    since = max(before - overlap, floor)
    feed = raw_dir / TS_ZONE / table
    landed = sorted(feed.glob("load_date=*/*.parquet"))
    seen = (
        f"select {', '.join(keys)}, updated_at from read_parquet([{', '.join(_literal(p) for p in landed)}]) "
        f"where updated_at > {_literal(since)}"
        if landed
        else f"select {', '.join(keys)}, updated_at from {table} where false"
    )
    changed = f"""
        select src.*, {_literal(now)}::timestamp as _extracted_at
        from {table} as src
        where src.updated_at > {_literal(since)}
          and not exists (
              select 1 from ({seen}) as seen
              where {" and ".join(f"seen.{k} = src.{k}" for k in keys)} and seen.updated_at = src.updated_at
          )
        order by {", ".join(f"src.{k}" for k in keys)}"""
    rows, newest = con.execute(f"select count(*), max(updated_at) from ({changed})").fetchone()
    written = None
    if rows or not landed:  # the first run writes a file even when empty: the feed exists
        part = feed / f"load_date={load_date.isoformat()}"
        part.mkdir(parents=True, exist_ok=True)
        n = len(list(part.glob("rows-*.parquet")))
        written = part / f"rows-{n}.parquet"
        tmp = part / f".rows-{n}.parquet.{os.getpid()}"
        con.execute(f"copy ({changed}) to {_literal(tmp)} (format parquet)")
        os.replace(tmp, written)
    after = max(before, newest) if newest is not None else before
    state[table] = {
        "watermark": after.isoformat(),
        "floor": floor.isoformat(),
        "load_date": load_date.isoformat() if rows else entry.get("load_date", load_date.isoformat()),
        "extracted_at": now.isoformat() if rows or not landed else entry.get("extracted_at", now.isoformat()),
    }
    return TableExtract(table, rows, before, after, written)


def describe(results: list[TableExtract]) -> str:
    """One line per table: rows landed and the watermark, for the command's output."""
    return "\n".join(
        f"  {r.table:<10} {r.rows:>6,} row(s) landed; watermark {r.watermark_before:%Y-%m-%d %H:%M:%S}"
        + (f" -> {r.watermark_after:%Y-%m-%d %H:%M:%S}" if r.watermark_after != r.watermark_before else " (unchanged)")
        for r in results
    )
