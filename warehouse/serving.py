"""Write-Audit-Publish: publish an audited build warehouse as the read-only serving warehouse.

DuckDB lets one process open a file read-write and then refuses every other process, readers
included. So dbt never writes the file BI tools read:

- **write**: dbt builds into the *build warehouse* (``WAREHOUSE_DB_PATH``, default
  ``data/build/warehouse.duckdb``), a file only the build opens;
- **audit**: dbt's tests (inside ``dbt build``), source freshness and every data contract run
  on the build warehouse;
- **publish**: only when all pass, :func:`publish` copies the build into a new file beside the
  serving warehouse (``WAREHOUSE_SERVING_PATH``, default ``data/warehouse.duckdb``), stamps it
  with a ``serving.publication`` row, and renames it over the serving file. ``rename(2)`` is
  atomic: a reader opening the path gets the old file or the new one, never a half-written
  one; a reader already holding the old file keeps reading it (its inode lives until closed)
  and sees the new build when it reconnects. A failed audit never reaches this step, so the
  last good serving warehouse stays as it was.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

PUBLICATION_TABLE = "serving.publication"


class PublishError(RuntimeError):
    """The build cannot be published (same file as serving, missing, or not a warehouse)."""


@dataclass(frozen=True)
class Publication:
    """What the serving warehouse holds: one row of ``serving.publication``.

    published_at: UTC wall-clock time of the rename (None for a warehouse that was not
    published, e.g. one built in place before Write-Audit-Publish); built_through: newest CDC
    load date in the facts (None before the first CDC day); mart_rows: rows per table in
    schema ``marts``; size_bytes: the serving file's size.
    """

    published_at: dt.datetime | None
    built_through: dt.date | None
    mart_rows: dict[str, int]
    size_bytes: int


def open_warehouse(path: Path, read_only: bool = False):
    """A DuckDB connection whose current catalog is the warehouse file ``path``, attached as
    ``warehouse`` whatever the file's name: a file named after one of its schemas
    (``serving.duckdb``, ``marts.duckdb``) would otherwise make ``serving.publication``
    ambiguous between the catalog and the schema."""
    import duckdb

    con = duckdb.connect()
    quoted = str(path).replace("'", "''")
    con.execute(f"attach '{quoted}' as warehouse{' (read_only)' if read_only else ''}")
    con.execute("use warehouse")
    return con


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish(build_path: Path, serving_path: Path) -> Publication:
    """Publish the (audited) build warehouse atomically as the serving warehouse.

    Checkpoints the build (no WAL left behind), copies it to a temporary file in the serving
    folder (same filesystem, so the rename is atomic), records the publication in table
    ``serving.publication`` of the copy, fsyncs, and renames the copy over ``serving_path``.
    Readers of the old serving file are never blocked. Returns the new publication.

    Raises PublishError when the build is missing, is the serving file itself, or holds no
    ``marts`` schema; the serving warehouse is then untouched.
    """
    import duckdb

    build_path, serving_path = Path(build_path).resolve(), Path(serving_path).resolve()
    if build_path == serving_path:
        raise PublishError(
            f"the build warehouse and the serving warehouse are the same file ({build_path}); "
            "set WAREHOUSE_DB_PATH (build) and WAREHOUSE_SERVING_PATH (serving) to different files")
    if not build_path.exists():
        raise PublishError(f"no build warehouse at {build_path}: run `make build` first")
    con = duckdb.connect(str(build_path))
    try:
        con.execute("checkpoint")
    finally:
        con.close()
    serving_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = serving_path.with_name(f".{serving_path.name}.publishing-{os.getpid()}")
    try:
        shutil.copyfile(build_path, tmp)
        con = open_warehouse(tmp)
        try:
            tables = [r[0] for r in con.execute(
                "select table_name from information_schema.tables "
                "where table_schema = 'marts' and table_type = 'BASE TABLE' order by 1").fetchall()]
            if not tables:
                raise PublishError(f"{build_path} holds no tables in schema marts: nothing to publish")
            through = con.execute("select max(last_load_date) from marts.fct_orders").fetchone()[0]
            now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
            con.execute("create schema if not exists serving")
            con.execute(f"""
                create or replace table {PUBLICATION_TABLE} (
                    published_at timestamp not null, built_through date, build_path varchar not null)""")
            con.execute(f"insert into {PUBLICATION_TABLE} values (?, ?, ?)", [now, through, str(build_path)])
            con.execute("checkpoint")
        finally:
            con.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, serving_path)
        _fsync_dir(serving_path.parent)
    finally:
        if tmp.exists():
            tmp.unlink()
    return publication(serving_path)


def publication(serving_path: Path) -> Publication | None:
    """The publication the serving warehouse holds (opened read-only), or None when there is
    no serving warehouse yet."""
    serving_path = Path(serving_path)
    if not serving_path.exists():
        return None
    con = open_warehouse(serving_path, read_only=True)
    try:
        published_at, through = None, None  # a warehouse written in place, before Write-Audit-Publish
        if con.execute("select count(*) from information_schema.tables "
                       "where table_schema = 'serving' and table_name = 'publication'").fetchone()[0]:
            published_at, through = con.execute(
                f"select published_at, built_through from {PUBLICATION_TABLE}").fetchone()
        tables = [r[0] for r in con.execute(
            "select table_name from information_schema.tables "
            "where table_schema = 'marts' and table_type = 'BASE TABLE' order by 1").fetchall()]
        rows = {t: con.execute(f'select count(*) from marts."{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()
    return Publication(published_at, through, rows, serving_path.stat().st_size)


def describe(pub: Publication | None, serving_path: Path) -> str:
    """One line about the serving warehouse for the build's output."""
    if pub is None:
        return f"no serving warehouse at {serving_path} yet"
    if pub.published_at is None:
        return f"warehouse {serving_path} was not published by a build (no {PUBLICATION_TABLE})"
    through = pub.built_through.isoformat() if pub.built_through else "base extract only"
    return (f"serving warehouse {serving_path}: published {pub.published_at:%Y-%m-%d %H:%M:%S} UTC, "
            f"data through {through}, {len(pub.mart_rows)} marts, {pub.size_bytes / 2**20:.1f} MiB")
