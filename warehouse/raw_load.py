"""Load the raw zone into a server database (the ``postgres`` target), one partition at a time.

The raw zone (``data/raw``: Parquet base extract and NDJSON CDC feeds, by ``load_date``) stays
the one source of truth on every engine. On DuckDB the dbt sources read its files in place;
PostgreSQL cannot read Parquet or NDJSON, so each ``load_date`` partition of each feed is
copied into a table of schema ``raw_tpch``, ``raw_cdc`` or ``raw_ts`` (the dbt sources' ``schema``;
``ts`` is the timestamp-based CDC feed, Parquet like the base extract) with
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

Spark reads the raw zone in place instead (:func:`register_spark`): each feed is an external
table over its directory, partitioned by ``load_date`` (``USING parquet`` for the base
extract; ``USING text`` with ``wholetext`` for the NDJSON feeds, one row per file, which a view
``raw_cdc.<table>`` splits into lines and parses the way the DuckDB source does). Registering
is idempotent: ``CREATE ... IF NOT EXISTS`` and ``MSCK REPAIR TABLE ... SYNC PARTITIONS``, which
adds the partitions landed since and drops those removed.
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
    "ts": (Path("models/staging/ts/_ts__sources.yml"), "parquet"),
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
    (``tpch``, ``cdc`` or ``ts``), read from its YAML."""
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


# The NDJSON feeds on Spark: the same columns as the DuckDB source (external_location in
# models/staging/cdc/_cdc__sources.yml), from the same steps: each file read whole, split on
# newlines (the file's final newline ends its last line; any other empty line is a line),
# each line checked to be a JSON object and parsed leniently. The session reads string
# literals as standard SQL (warehouse.services.SPARK_SESSION_CONF), so '\n' is the regular
# expression for a newline, not a newline character. from_json in PERMISSIVE mode sets a
# field of the wrong type to NULL and keeps the others, like DuckDB's json_transform.
SPARK_CDC_VIEW = """
create or replace view {schema}.{table} as
select event.op, event.before, event.after, event.source, event.ts_ms,
    try_cast(event._loaded_at as timestamp) as _loaded_at,
    filename, line_number, raw_line, is_json_object, load_date
from (
    select *, case when is_json_object then from_json(raw_line,
        'op string, before string, after string, source struct<connector: string, db: string,
        `table`: string, ts_ms: bigint, lsn: bigint>, ts_ms bigint, _loaded_at string') end as event
    from (
        select *, try_parse_json(raw_line) is not null and left(ltrim(raw_line), 1) = '{{' as is_json_object
        from (
            select regexp_replace(file_path, '^file:', '') as filename, load_date,
                cast(line.pos + 1 as bigint) as line_number, line.col as raw_line
            from (
                select _metadata.file_path as file_path, load_date,
                    case when value = '' then array() else split(regexp_replace(value, '\\n$', ''), '\\n') end
                        as lines
                from {files_schema}.{table}
            ) lateral view posexplode(lines) line as pos, col
        )
    )
)
"""
SPARK_CDC_FILES_SCHEMA_SUFFIX = "_files"


@dataclass(frozen=True)
class RegisterResult:
    """What one Spark registration did: tables registered, partitions they hold."""

    tables: int
    partitions: int
    seconds: float

    def describe(self) -> str:
        return (
            f"raw zone -> Spark: {self.tables} external table(s) over the raw zone, "
            f"{self.partitions} load_date partition(s) ({self.seconds:.1f} s)"
        )


def spark_registration_sql(raw_dir: Path) -> list[str]:
    """The Spark SQL statements that register the raw zone (see the module docstring): per
    source schema ``create database``, per feed ``create table ... location``, ``msck repair``
    and, for the CDC feeds, the parsing view. ``raw_dir`` must be visible to the cluster's
    executors at the same path (a shared or object-store path on a real cluster)."""
    root = raw_dir.resolve()
    statements: list[str] = []
    for source, (_, ext) in SOURCES.items():
        schema, tables, _ = source_tables(source)
        files_schema = schema + SPARK_CDC_FILES_SCHEMA_SUFFIX if ext == "ndjson" else schema
        statements += [f"create database if not exists {schema}", f"create database if not exists {files_schema}"]
        for table in dict.fromkeys(tables):
            location = quote_literal(str(root / source / table))
            if ext == "parquet":
                statements.append(
                    f"create table if not exists {schema}.{table} using parquet "
                    f"options (mergeSchema 'true') location {location}"
                )
            else:
                statements.append(
                    f"create table if not exists {files_schema}.{table} (value string, load_date date) "
                    f"using text options (wholetext 'true') partitioned by (load_date) location {location}"
                )
            statements.append(f"msck repair table {files_schema}.{table} sync partitions")
            statements.append(f"refresh table {files_schema}.{table}")
            if ext == "ndjson":
                statements.append(SPARK_CDC_VIEW.format(schema=schema, table=table, files_schema=files_schema).strip())
    return list(dict.fromkeys(statements))


def register_spark(raw_dir: Path, host: str, port: int) -> RegisterResult:
    """Register the raw zone as external tables on the Spark Thrift Server at host:port
    (:func:`spark_registration_sql`); return how many tables and partitions it holds.

    Raises:
        RuntimeError: Spark refused a statement (the message names it and Spark's reason).
    """
    from pyhive import hive

    from warehouse.services import SPARK_SESSION_CONF, spark_error_message

    t0 = time.perf_counter()
    statements = spark_registration_sql(raw_dir)
    with hive.connect(host=host, port=port, auth="NONE", configuration=SPARK_SESSION_CONF) as con:
        cursor = con.cursor()
        for statement in statements:
            try:
                cursor.execute(statement)
            except Exception as exc:  # PyHive's errors carry the whole Java stack
                raise RuntimeError(
                    f"Spark refused `{statement.splitlines()[0][:100]}`: {spark_error_message(exc)}"
                ) from exc
        n_partitions = 0
        registered = [s.split()[5] for s in statements if s.startswith("create table")]
        for qualified in registered:
            cursor.execute(f"show partitions {qualified}")
            n_partitions += len(cursor.fetchall())
    return RegisterResult(len(registered), n_partitions, time.perf_counter() - t0)


def quote_identifier(name: str) -> str:
    """``name`` as a double-quoted SQL identifier (embedded quotes doubled)."""
    return '"' + name.replace('"', '""') + '"'


def quote_literal(text: str) -> str:
    """``text`` as a single-quoted SQL string literal (embedded quotes doubled)."""
    return "'" + text.replace("'", "''") + "'"
