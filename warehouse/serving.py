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
SERVING_FILE_MODE = 0o600  # owner read/write only


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
    ambiguous between the catalog and the schema.

    A ``read_only`` connection is also locked down (:func:`lock_down`): it reads the warehouse
    and nothing else on the machine.

    Spills go to ``<path>.tmp/``, as for a DuckDB file opened directly. An in-memory
    connection would spill to ``.tmp/`` under the current directory, and DuckDB keeps its
    spill directory readable when file access is off: a reader started in the repository
    could then read whatever lies under ``./.tmp/`` (a raw zone put there, say), and a view
    over such files would pass :func:`drop_file_views`."""
    import duckdb

    con = duckdb.connect()
    quoted = str(path).replace("'", "''")
    con.execute(f"set temp_directory = '{quoted}.tmp'")
    con.execute(f"attach '{quoted}' as warehouse{' (read_only)' if read_only else ''}")
    con.execute("use warehouse")
    if read_only:
        lock_down(con)
    return con


LAKE_PREFIX = "ducklake:"


def is_lake(location: Path | str) -> bool:
    """Whether a warehouse location is a DuckLake (a ``ducklake:`` URI, warehouse.lake)
    rather than a DuckDB file."""
    return str(location).startswith(LAKE_PREFIX)


def open_build(location: Path | str):
    """A read-only DuckDB connection on a build warehouse for the build's own checks (the
    audit, schema drift): the DuckDB file at ``location``, or the head snapshot of the
    DuckLake whose ``ducklake:`` URI it is (attached as ``lake``, made current). Not locked
    down: these checks read the raw zone's files through the staging views."""
    import duckdb

    if not is_lake(location):
        return duckdb.connect(str(location), read_only=True)
    con = duckdb.connect(config={"autoinstall_known_extensions": False})
    kind = "sqlite_scanner" if str(location).startswith(LAKE_PREFIX + "sqlite:") else "postgres_scanner"
    con.execute(f"load ducklake; load {kind}")
    quoted = str(location).replace("'", "''")
    con.execute(f"attach '{quoted}' as lake (read_only)")
    con.execute("use lake")
    return con


LIVE_VIEWS = ("live.fct_order_lines", "live.fct_orders")
"""The speed layer's views (models/marts/live/): the batch facts plus the CDC
events landed in the raw zone since the build, read at query time."""


class LiveError(RuntimeError):
    """The serving warehouse cannot be read live (no live views, CDC folder gone); one line."""


def open_live(serving_path: Path):
    """A read-only connection on the serving warehouse that can also read the speed layer's
    live views (:data:`LIVE_VIEWS`): as :func:`open_warehouse` with ``read_only``, except that
    files under the raw zone's CDC folder the publish recorded stay readable (DuckDB's
    ``allowed_directories``); any other file, ``COPY … TO``, ``ATTACH`` and ``SET`` stay refused.

    Raises LiveError when there is no serving warehouse, it was published without live views
    (before they existed), or the CDC folder is gone."""
    serving_path = Path(serving_path)
    if not serving_path.is_file():
        raise LiveError(f"no serving warehouse at {serving_path}: run `make build` first")
    con = open_warehouse(serving_path, read_only=True)
    try:
        has_column = con.execute(
            "select count(*) from information_schema.columns where table_schema = 'serving' "
            "and table_name = 'publication' and column_name = 'live_dir'"
        ).fetchone()[0]
        live_dir = con.execute(f"select live_dir from {PUBLICATION_TABLE}").fetchone()[0] if has_column else None
    finally:
        con.close()
    if live_dir is None:
        raise LiveError(f"{serving_path} was published without live views: run `make build` or `make daily` again")
    if not Path(live_dir).is_dir():
        raise LiveError(f"the raw zone's CDC folder {live_dir} the live views read is gone")
    import duckdb

    con = duckdb.connect()
    quoted = str(serving_path).replace("'", "''")
    con.execute(f"set temp_directory = '{quoted}.tmp'")
    con.execute(f"attach '{quoted}' as warehouse (read_only)")
    con.execute("use warehouse")
    con.execute(f"set allowed_directories = [{_literal(live_dir + '/')}]")
    lock_down(con)
    return con


def describe_live(con) -> str:
    """Lines about the speed layer on ``con`` (from :func:`open_live`): the batch's newest CDC
    load date and what each live fact adds to its batch table: rows new since the build, rows
    changed since (deletes included: a deleted order stays, is_deleted true) and the newest
    load date among them."""
    through = con.execute(
        "select max(load_date) from intermediate.int_raw_zone_landings where source_system = 'cdc'"
    ).fetchone()[0]
    lines = [f"batch built through {through.isoformat() if through else 'the base extract'}"]
    for fact, key in (("fct_orders", "order_id"), ("fct_order_lines", "order_id, line_number")):
        batch = con.execute(f"select count(*) from marts.{fact}").fetchone()[0]
        new, changed, newest = con.execute(f"""
            select
                count(*) filter (where batch.order_id is null),
                count(*) filter (where batch.order_id is not null),
                max(live.last_load_date)
            from (select * from live.{fact} except select * from marts.{fact}) as live
            left join marts.{fact} as batch using ({key})""").fetchone()
        lines.append(
            f"live.{fact}: {batch + new:,} rows = {batch:,} in the batch + {new:,} new; {changed:,} changed since"
            + (f" (events through {newest.isoformat()})" if newest else "")
        )
    return "\n".join(lines)


# The settings every read-only path applies (profiles.yml target `serving`, Superset's
# connect_args, open_warehouse): no file or network access, then the configuration locked.
LOCKDOWN_SETTINGS = {"enable_external_access": False, "lock_configuration": True}


def lock_down(con) -> None:
    """Turn file and network access off on ``con`` and lock its configuration.

    After this, ``COPY … TO``, ``read_text``/``read_csv``/``read_parquet`` of any file and
    ``ATTACH`` of another file fail with a Permission Error, and ``SET`` of any option fails
    because the configuration is locked, so no query can undo it. Databases attached before
    stay readable. Order matters: access off first, then the lock."""
    for name, value in LOCKDOWN_SETTINGS.items():
        con.execute(f"set {name} = {str(value).lower()}")


def drop_file_views(con, live_dir: Path | None = None) -> list[str]:
    """Drop every view of ``con``'s current catalog that cannot be read without file access
    (the staging views over the raw zone's Parquet and NDJSON files, and views over them);
    return their names as ``schema.view``.

    With ``live_dir`` (the raw zone's ``cdc`` folder), views that read files under it only
    are kept: the speed layer's live views, read through :func:`open_live`.

    Turns file access off on ``con`` first (it cannot be turned back on), so call it last on
    a connection opened for that purpose. The serving warehouse is self-contained after
    this: BI reads tables only, and a reader needs no file access at all (the live views
    aside, which need the CDC folder)."""
    import duckdb

    if live_dir is not None:
        con.execute(f"set allowed_directories = [{_literal(str(Path(live_dir).resolve()) + '/')}]")
    con.execute("set enable_external_access = false")
    dropped: list[str] = []
    while True:
        views = con.execute(
            "select schema_name, view_name from duckdb_views() "
            "where not internal and database_name = current_database() order by 1, 2"
        ).fetchall()
        unreadable = []
        for schema, view in views:
            try:
                con.execute(f'select * from "{schema}"."{view}" limit 0')
            except duckdb.Error:
                unreadable.append((schema, view))
        if not unreadable:
            return dropped
        for schema, view in unreadable:
            con.execute(f'drop view "{schema}"."{view}"')
            dropped.append(f"{schema}.{view}")


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return True


def remove_leftovers(serving_path: Path) -> list[Path]:
    """Remove the temporary files of publishes that died (``.<serving name>.publishing-<pid>``
    beside the serving file, whose process no longer runs); return them. A killed publish
    leaves its copy behind; a running one (another PID alive) is left alone."""
    serving_path = Path(serving_path)
    removed = []
    for path in serving_path.parent.glob(f".{serving_path.name}.publishing-*"):
        pid = path.name.rsplit("-", 1)[-1]
        if not pid.isdigit() or not _pid_alive(int(pid)):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def publish_error_cause(exc: BaseException, serving_path: Path) -> str:
    """One line naming why a publish failed, for the build's output (no traceback)."""
    import errno

    where = Path(serving_path).parent
    if isinstance(exc, PublishError):
        return str(exc)
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC or "No space left" in str(exc):
        return f"no space left on the device of {where} (a publish needs room for one more copy of the build)"
    if isinstance(exc, PermissionError) or isinstance(exc, OSError) and exc.errno in (errno.EACCES, errno.EPERM):
        return f"permission denied: cannot write {exc.filename or where}"
    if isinstance(exc, IsADirectoryError) or Path(serving_path).is_dir():
        return f"{serving_path} is a directory, not a warehouse file: choose another WAREHOUSE_SERVING_PATH"
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {first}"


def mart_tables(con) -> list[str]:
    """Names of the tables (not views) in schema ``marts`` of ``con`` (a DuckDB connection on a
    warehouse, see :func:`open_warehouse`), sorted."""
    return [
        r[0]
        for r in con.execute(
            "select table_name from information_schema.tables "
            "where table_schema = 'marts' and table_type = 'BASE TABLE' order by 1"
        ).fetchall()
    ]


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def publish(build_path: Path, serving_path: Path, live_dir: Path | None = None) -> Publication:
    """Publish the (audited) build warehouse atomically as the serving warehouse.

    Checkpoints the build (no WAL left behind), copies it to a temporary file in the serving
    folder (same filesystem, so the rename is atomic), records the publication in table
    ``serving.publication`` of the copy, drops the views that read raw files
    (:func:`drop_file_views`: what BI reads is self-contained; with ``live_dir``, the raw
    zone's CDC folder, the speed layer's live views over it are kept and the folder is
    recorded for :func:`open_live`), makes the copy readable by its
    owner only (0600), fsyncs, and renames it over ``serving_path``. Readers of the old
    serving file are never blocked. Returns the new publication.

    Removes first the temporary files that killed publishes left (:func:`remove_leftovers`);
    its own temporary file is removed whatever happens.

    Raises PublishError when the build is missing, is the serving file itself, holds no
    ``marts`` schema or the serving path is a directory; OSError (disk full, permission) or
    duckdb.Error from the copy. The serving warehouse is then untouched
    (:func:`publish_error_cause` words the error in one line).
    """
    import duckdb

    build_path, serving_path = Path(build_path).resolve(), Path(serving_path).resolve()
    if build_path == serving_path:
        raise PublishError(
            f"the build warehouse and the serving warehouse are the same file ({build_path}); "
            "set WAREHOUSE_DB_PATH (build) and WAREHOUSE_SERVING_PATH (serving) to different files"
        )
    if not build_path.exists():
        raise PublishError(f"no build warehouse at {build_path}: run `make build` first")
    con = duckdb.connect(str(build_path))
    try:
        con.execute("checkpoint")
    finally:
        con.close()
    if serving_path.is_dir():
        raise PublishError(
            f"{serving_path} is a directory, not a warehouse file: choose another WAREHOUSE_SERVING_PATH"
        )
    serving_path.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(serving_path)
    tmp = serving_path.with_name(f".{serving_path.name}.publishing-{os.getpid()}")
    try:
        shutil.copyfile(build_path, tmp)
        con = open_warehouse(tmp)
        try:
            tables = mart_tables(con)
            if not tables:
                raise PublishError(f"{build_path} holds no tables in schema marts: nothing to publish")
            through = con.execute("select max(last_load_date) from marts.fct_orders").fetchone()[0]
            now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
            con.execute("create schema if not exists serving")
            con.execute(f"""
                create or replace table {PUBLICATION_TABLE} (
                    published_at timestamp not null, built_through date, build_path varchar not null,
                    live_dir varchar)""")
            live = str(Path(live_dir).resolve()) if live_dir is not None else None
            con.execute(f"insert into {PUBLICATION_TABLE} values (?, ?, ?, ?)", [now, through, str(build_path), live])
            drop_file_views(con, live_dir)
            con.execute("checkpoint")
        finally:
            con.close()
        # The marts hold personal data (customer names, addresses, phones: classification
        # `restricted` in the contracts): only the owner may read the file.
        os.chmod(tmp, SERVING_FILE_MODE)
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
    no serving warehouse file (yet)."""
    serving_path = Path(serving_path)
    if not serving_path.is_file():
        return None
    con = open_warehouse(serving_path, read_only=True)
    try:
        published_at, through = None, None  # a warehouse written in place, before Write-Audit-Publish
        if con.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = 'serving' and table_name = 'publication'"
        ).fetchone()[0]:
            published_at, through = con.execute(
                f"select published_at, built_through from {PUBLICATION_TABLE}"
            ).fetchone()
        tables = mart_tables(con)
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
    return (
        f"serving warehouse {serving_path}: published {pub.published_at:%Y-%m-%d %H:%M:%S} UTC, "
        f"data through {through}, {len(pub.mart_rows)} marts, {pub.size_bytes / 2**20:.1f} MiB"
    )
