"""Load the raw zone into a server database (the ``postgres`` target), one partition at a time.

The raw zone (``data/raw``: Parquet base extract and NDJSON CDC feeds, by ``load_date``) stays
the one source of truth on every engine. On DuckDB the dbt sources read its files in place;
PostgreSQL cannot read Parquet or NDJSON, so each ``load_date`` partition of each feed is
copied into a table of schema ``raw_tpch`` or ``raw_cdc`` (the dbt sources' ``schema``) with
the columns the DuckDB source presents: the rows of the base extract plus ``load_date``; one
row per delivered CDC line (``op``, ``before``, ``after``, ``source`` and the line's
provenance), parsed by the very SQL the DuckDB source runs (its ``external_location`` in
``models/staging/*/_*__sources.yml``, rendered here), so a bad line arrives as the same row of
NULL fields with its ``raw_line`` on both engines and staging quarantines it alike.

DuckDB does the copy (its ``postgres`` extension, registered offline from its wheel as
``postgres_scanner``; binary COPY into PostgreSQL). A control table ``raw_meta.loaded_partitions``
records each partition copied with a fingerprint of its files (names, sizes, mtimes); a partition
is re-copied only when its files changed (a corrected file after a repair), and then replaced
whole in one transaction (delete its rows, insert, record), so re-running a load changes
nothing and an interrupted one leaves each partition either old or new, never half.
"""

from __future__ import annotations

import hashlib
import string
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

SOURCES = {
    "tpch": (Path("models/staging/tpch/_tpch__sources.yml"), "parquet"),
    "cdc": (Path("models/staging/cdc/_cdc__sources.yml"), "ndjson"),
}
CONTROL_SCHEMA = "raw_meta"
CONTROL_TABLE = f"{CONTROL_SCHEMA}.loaded_partitions"


@dataclass(frozen=True)
class LoadResult:
    """What one load did: partitions copied, partitions already current, rows copied."""

    copied: int
    current: int
    rows: int
    seconds: float

    def describe(self) -> str:
        return (
            f"raw zone -> PostgreSQL: {self.copied} partition(s) copied ({self.rows:,} rows), "
            f"{self.current} already current ({self.seconds:.1f} s)"
        )


def source_tables(source: str) -> tuple[str, list[str], str]:
    """The schema, table names and DuckDB ``external_location`` template of dbt source ``source``
    (``tpch`` or ``cdc``), read from its YAML."""
    path, _ = SOURCES[source]
    doc = yaml.safe_load(path.read_text())
    (spec,) = [s for s in doc["sources"] if s["name"] == source]
    return spec["schema"], [t["name"] for t in spec["tables"]], spec["config"]["meta"]["external_location"]


def partition_sql(source: str, table: str, raw_dir: Path, load_date: str) -> str:
    """DuckDB SQL selecting the rows of one partition exactly as the dbt source on DuckDB presents
    them: the source's ``external_location`` with the raw-zone root filled in and its
    every-partition glob narrowed to ``load_date=<load_date>``.

    Raises:
        RuntimeError: the source's location no longer has the glob this narrows (the YAML changed).
    """
    _, _, template = source_tables(source)
    root = str(raw_dir.resolve())
    rendered = template.replace('{{ env_var("WAREHOUSE_RAW_DIR", "data/raw") }}', root)
    ext = SOURCES[source][1]
    if source == "cdc":  # dbt-duckdb's `template` formatter: string.Template, $$ is a literal $
        rendered = string.Template(rendered).substitute(name=table)
    else:  # the default formatter: str.format
        rendered = rendered.replace("{name}", table)
    glob = f"/{table}/*/*.{ext}"
    narrowed = f"/{table}/load_date={load_date}/*.{ext}"
    if glob not in rendered:
        raise RuntimeError(f"source {source}.{table}: external_location has no {glob!r} to narrow to one partition")
    return rendered.replace(glob, narrowed)


def partitions(raw_dir: Path, source: str, table: str) -> dict[str, str]:
    """The load dates of one feed's partitions and a fingerprint of each partition's files."""
    ext = SOURCES[source][1]
    found: dict[str, str] = {}
    for part in sorted((raw_dir / source / table).glob("load_date=*")):
        files = sorted(part.glob(f"*.{ext}"))
        if not files:
            continue
        h = hashlib.sha256()
        for f in files:
            st = f.stat()
            h.update(f"{f.name}:{st.st_size}:{st.st_mtime_ns}\n".encode())
        found[part.name.split("=", 1)[1]] = h.hexdigest()[:16]
    return found


def load_postgres(raw_dir: Path, dsn: str, progress: bool = True) -> LoadResult:
    """Copy every partition of the raw zone not yet (or no longer) current in the PostgreSQL
    database of ``dsn`` into ``raw_tpch.<table>`` / ``raw_cdc.<table>``; return what was done.

    Args:
        raw_dir: raw zone root (``tpch/<table>/load_date=*/*.parquet``,
            ``cdc/<table>/load_date=*/*.ndjson``).
        dsn: libpq connection string of the target database (warehouse.services).
        progress: print one line per partition copied.

    Raises:
        duckdb.Error: PostgreSQL refused a statement (the message names it).
    """
    import duckdb

    t0 = time.perf_counter()
    con = duckdb.connect()
    copied = current = rows = 0
    try:
        con.execute("set autoinstall_known_extensions = false")
        con.execute("load postgres_scanner")
        con.execute(f"attach {quote_literal(dsn)} as pg (type postgres)")
        con.execute(f"create schema if not exists pg.{CONTROL_SCHEMA}")
        con.execute(
            f"create table if not exists pg.{CONTROL_TABLE} (source_table varchar, load_date date, "
            "fingerprint varchar, row_count bigint, loaded_at timestamp)"
        )
        recorded = con.execute(f"select source_table, load_date, fingerprint from pg.{CONTROL_TABLE}").fetchall()
        done = {(t, d.isoformat()): fp for t, d, fp in recorded}
        for source in SOURCES:
            schema, tables, _ = source_tables(source)
            con.execute(f"create schema if not exists pg.{schema}")
            for table in tables:
                qualified = f"{schema}.{table}"
                for load_date, fingerprint in partitions(raw_dir, source, table).items():
                    if done.get((qualified, load_date)) == fingerprint:
                        current += 1
                        continue
                    n = _copy_partition(con, source, table, qualified, raw_dir, load_date, fingerprint)
                    copied += 1
                    rows += n
                    if progress:
                        print(f"  loaded {qualified} load_date={load_date}: {n:,} rows", flush=True)
    finally:
        con.close()
    return LoadResult(copied, current, rows, time.perf_counter() - t0)


def _copy_partition(con, source: str, table: str, qualified: str, raw_dir: Path, load_date: str, fp: str) -> int:
    """Replace one partition of ``pg.<qualified>`` in one transaction; return its row count."""
    # JSON and struct columns travel as JSON text (PostgreSQL json); everything else keeps its type.
    select = f"select * from {partition_sql(source, table, raw_dir, load_date)}"
    con.execute(f"create or replace temp view partition_rows as {select}")
    columns = con.execute("describe partition_rows").fetchall()
    quoted = [(quote_identifier(name), kind) for name, kind, *_ in columns]
    exprs = ", ".join(f"cast(to_json({q}) as json) as {q}" if kind.startswith("STRUCT") else q for q, kind in quoted)
    con.execute(f"create or replace temp view partition_out as select {exprs} from partition_rows")
    target = f"pg.{qualified}"
    existing = {
        r[0]
        for r in con.execute(
            "select column_name from pg.information_schema.columns where table_schema = ? and table_name = ?",
            qualified.split("."),
        ).fetchall()
    }
    con.execute("begin")
    try:
        if not existing:
            con.execute(f"create table {target} as select * from partition_out limit 0")
        else:
            # A column added in a later landing (schema drift): add it; earlier rows keep NULL,
            # as DuckDB's union_by_name reads them.
            for name, kind in con.execute("select column_name, column_type from (describe partition_out)").fetchall():
                if name not in existing:
                    con.execute(f"alter table {target} add column {quote_identifier(name)} {kind}")
        con.execute(f"delete from {target} where load_date = cast(? as date)", [load_date])
        con.execute(f"insert into {target} by name select * from partition_out")
        n = con.execute("select count(*) from partition_out").fetchone()[0]
        con.execute(
            f"delete from pg.{CONTROL_TABLE} where source_table = ? and load_date = cast(? as date)",
            [qualified, load_date],
        )
        con.execute(
            f"insert into pg.{CONTROL_TABLE} values (?, cast(? as date), ?, ?, current_timestamp::timestamp)",
            [qualified, load_date, fp, n],
        )
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return n


def quote_identifier(name: str) -> str:
    """``name`` as a double-quoted SQL identifier (embedded quotes doubled)."""
    return '"' + name.replace('"', '""') + '"'


def quote_literal(text: str) -> str:
    """``text`` as a single-quoted SQL string literal (embedded quotes doubled)."""
    return "'" + text.replace("'", "''") + "'"
