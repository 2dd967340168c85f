"""The ``lake`` target: the warehouse as a DuckLake, published by snapshot.

A DuckLake (DuckDB's lakehouse format) keeps its catalog in a SQL database and its data as
Parquet files. Here the catalog is database ``lake`` of the local PostgreSQL server
(warehouse.services: 127.0.0.1, data under ``data/services/postgres/``, generated passwords
in 0600 files) or, with no server, an SQLite file (``WAREHOUSE_LAKE_CATALOG=sqlite``: one
machine, one writer at a time); the data files live under ``data/lake/data/``
(``$WAREHOUSE_LAKE_DIR``, default ``data/lake``).

Write-Audit-Publish without a copy. Every commit of the build makes a DuckLake *snapshot*
(a catalog row; the Parquet files it adds are never rewritten in place), so:

- **write**: ``dbt build --target lake`` commits snapshots; nobody reads them yet;
- **audit**: dbt's tests, source freshness and the data contracts read the newest
  snapshot (the build's head);
- **publish**: only when all pass, one row naming that snapshot id is inserted into
  ``serving.publication`` in the lake (:func:`Lake.publish`): O(1), whatever the size;
- **read**: readers attach the lake *at the published snapshot* (``ATTACH ... (SNAPSHOT_VERSION
  n, READ_ONLY)``, :meth:`Lake.open_published`), so a build running at the same time, or a
  failed one, is invisible to them, and neither side waits for the other.

Readers use their own PostgreSQL role, ``lake_reader`` (SELECT on the catalog only), so a
reader's SQL cannot write the catalog through the connection it holds.

Time travel: every publication stays a row, so :meth:`Lake.publication_at` finds the
snapshot that was published at any past moment and a reader attaches that one (``python -m
warehouse as-of``), as long as maintenance has not expired it (:meth:`Lake.maintain` keeps
every snapshot a publication names within its retention window, and always the newest).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import secrets
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from warehouse.services import PostgresService, ServiceError

DEFAULT_LAKE_DIR = "data/lake"
CATALOGS: tuple[str, ...] = ("postgres", "sqlite")
ALIAS = "lake"  # the catalog name dbt builds into (profiles.yml target lake: database lake)
PG_LAKE_DATABASE = "lake"
READER_ROLE = "lake_reader"
PUBLICATION_TABLE = "serving.publication"
# Schemas the project builds (everything but the publication log): what the reset drops.
MART_SCHEMAS: tuple[str, ...] = ("marts", "marts_snowflake")


class LakeError(RuntimeError):
    """The lake cannot be reached, has nothing published, or a snapshot asked for does not exist."""


@dataclass(frozen=True)
class LakePublication:
    """One row of ``serving.publication``: the snapshot readers read from ``published_at`` on.

    snapshot_id: the DuckLake snapshot audited and published; published_at: UTC time of the
    publish; built_through: newest CDC load date in the facts (None: base extract only).
    """

    snapshot_id: int
    published_at: dt.datetime
    built_through: dt.date | None

    def describe(self) -> str:
        through = self.built_through.isoformat() if self.built_through else "base extract only"
        return (
            f"snapshot {self.snapshot_id}, published {self.published_at:%Y-%m-%d %H:%M:%S} UTC, data through {through}"
        )


@dataclass(frozen=True)
class Lake:
    """Where the lake lives and how to reach it.

    Attributes:
        root: ``data/lake``: ``data/`` (the Parquet files), ``catalog.sqlite`` (SQLite
            catalog), ``tmp/`` (DuckDB's spill directory), ``export/`` (:meth:`export`).
        catalog: ``postgres`` or ``sqlite``.
        pg: the PostgreSQL server holding a ``postgres`` catalog.
    """

    root: Path
    catalog: str = "postgres"
    pg: PostgresService = field(default_factory=PostgresService.from_env)

    @classmethod
    def from_env(cls) -> Lake:
        """The lake of ``$WAREHOUSE_LAKE_DIR`` (default data/lake) with the catalog
        ``$WAREHOUSE_LAKE_CATALOG`` (postgres, the default, or sqlite).

        Raises:
            LakeError: another catalog name.
        """
        catalog = os.environ.get("WAREHOUSE_LAKE_CATALOG", "postgres")
        if catalog not in CATALOGS:
            raise LakeError(f"WAREHOUSE_LAKE_CATALOG must be one of {', '.join(CATALOGS)}, got {catalog!r}")
        return cls(Path(os.environ.get("WAREHOUSE_LAKE_DIR", DEFAULT_LAKE_DIR)).resolve(), catalog)

    @property
    def data_path(self) -> Path:
        return self.root / "data"

    @property
    def sqlite_path(self) -> Path:
        return self.root / "catalog.sqlite"

    @property
    def reader_password_file(self) -> Path:
        return self.pg.root / "lake_reader_password"

    # --- addresses ---------------------------------------------------------------------
    def uri(self, reader: bool = False) -> str:
        """The ``ducklake:`` path DuckDB attaches; ``reader``: as role ``lake_reader``
        (PostgreSQL catalog; the SQLite file has no roles)."""
        if self.catalog == "sqlite":
            return f"ducklake:sqlite:{self.sqlite_path}"
        if reader:
            pg = self.pg
            return (
                f"ducklake:postgres:host={pg.host} port={pg.port} dbname={PG_LAKE_DATABASE} "
                f"user={READER_ROLE} password={self._reader_password()}"
            )
        return f"ducklake:postgres:{self.pg.dsn(PG_LAKE_DATABASE)}"

    def describe(self) -> str:
        """Where the catalog and the data files are, without any password."""
        where = (
            f"SQLite catalog {self.sqlite_path}"
            if self.catalog == "sqlite"
            else f"PostgreSQL catalog dbname={PG_LAKE_DATABASE} on {self.pg.host}:{self.pg.port}"
        )
        return f"DuckLake: {where}, data files {self.data_path}/"

    def dbt_env(self, target_path: Path) -> dict[str, str]:
        """Env vars for dbt's ``lake`` target (profiles.yml); artifacts go to ``target_path``."""
        return {
            "DBT_TARGET": "lake",
            "DBT_TARGET_PATH": str(target_path),
            "WAREHOUSE_LAKE_URI": self.uri(),
            "WAREHOUSE_LAKE_DATA_PATH": f"{self.data_path}/",
            "WAREHOUSE_LAKE_TEMP_DIR": str(self.root / "tmp"),
        }

    # --- lifecycle ---------------------------------------------------------------------
    def prepare(self) -> str:
        """Make the lake reachable: its folders; for a PostgreSQL catalog the local server
        started (unless running), database ``lake`` and the reader role created. Return a
        status line.

        Raises:
            ServiceError: the PostgreSQL server cannot be started.
        """
        for path in (self.data_path, self.root / "tmp"):
            path.mkdir(parents=True, exist_ok=True)
        self.root.chmod(0o700)  # the marts hold personal data (contracts: restricted)
        if self.catalog == "sqlite":
            return self.describe()
        status = self.pg.start()
        self.pg.ensure_database(PG_LAKE_DATABASE)
        self._ensure_reader_role()
        return f"{status}; {self.describe()}"

    def _reader_password(self) -> str:
        if not self.reader_password_file.exists():
            raise LakeError(f"no lake reader role set up in {self.pg.root}: run `make build TARGET=lake` first")
        return self.reader_password_file.read_text().strip()

    def _ensure_reader_role(self) -> None:
        """Role ``lake_reader``: log in to database ``lake`` and SELECT its catalog tables (now
        and those DuckLake creates later), nothing else; password generated once (0600 file)."""
        if not self.reader_password_file.exists():
            old = os.umask(0o077)
            try:
                self.reader_password_file.write_text(secrets.token_urlsafe(24) + "\n")
            finally:
                os.umask(old)
        password = self._reader_password()
        exists = self.pg.psql(f"select 1 from pg_roles where rolname = '{READER_ROLE}'") == "1"
        verb = "alter" if exists else "create"
        self.pg.psql(f"{verb} role {READER_ROLE} login password '{password}'")
        self.pg.psql(
            f"grant connect on database {PG_LAKE_DATABASE} to {READER_ROLE}; "
            f"grant usage on schema public to {READER_ROLE}; "
            f"grant select on all tables in schema public to {READER_ROLE}; "
            f"alter default privileges in schema public grant select on tables to {READER_ROLE}",
            database=PG_LAKE_DATABASE,
        )

    def reset(self) -> list[str]:
        """Drop what was built in the lake (for a new base extract): the catalog (PostgreSQL
        database ``lake`` recreated empty, or the SQLite file) and every data file. Returns
        what was removed, one item per thing."""
        removed = []
        if self.catalog == "sqlite":
            if self.sqlite_path.exists():
                self.sqlite_path.unlink()
                removed.append(str(self.sqlite_path))
        else:
            try:
                exists = self.pg.psql(f"select 1 from pg_database where datname = '{PG_LAKE_DATABASE}'") == "1"
            except ServiceError:
                exists = False  # no server running: nothing was built on it
            if exists:
                self.pg.psql(f"drop database {PG_LAKE_DATABASE} with (force)")
                removed.append(f"PostgreSQL database {PG_LAKE_DATABASE}")
        if self.data_path.exists():
            shutil.rmtree(self.data_path)
            removed.append(f"{self.data_path}/")
        return removed

    # --- connections -------------------------------------------------------------------
    def connect(self, read_only: bool = False, snapshot: int | None = None, reader: bool = False):
        """A DuckDB connection with the lake attached as catalog ``lake`` and current
        (``use lake``); ``snapshot``: at that snapshot id (read-only); ``reader``: as the
        reader role.

        Raises:
            LakeError: the catalog cannot be reached or holds no lake (one line).
        """
        import duckdb

        if self.catalog == "sqlite" and not self.sqlite_path.exists():
            raise LakeError(f"no lake at {self.sqlite_path}: run `make build TARGET=lake` first")
        con = duckdb.connect(config={"autoinstall_known_extensions": False, "temp_directory": str(self.root / "tmp")})
        con.execute(f"load ducklake; load {'sqlite_scanner' if self.catalog == 'sqlite' else 'postgres_scanner'}")
        options = []
        if read_only or snapshot is not None:
            options.append("read_only")
        if snapshot is not None:
            options.append(f"snapshot_version {int(snapshot)}")
        if not read_only and snapshot is None:
            options.append(f"data_path '{self.data_path}/'")
        uri = self.uri(reader=reader).replace("'", "''")
        try:
            con.execute(f"attach '{uri}' as {ALIAS}{' (' + ', '.join(options) + ')' if options else ''}")
        except duckdb.Error as exc:
            con.close()
            message = str(exc).split("\n")[0].replace(self.pg.password() if self.catalog == "postgres" else "\0", "***")
            raise LakeError(f"cannot open the lake ({self.describe()}): {message}") from exc
        con.execute(f"use {ALIAS}")
        return con

    def head_snapshot(self) -> int:
        """The id of the newest snapshot (what a build just committed)."""
        con = self.connect(read_only=True)
        try:
            return con.execute(f"select id from {ALIAS}.current_snapshot()").fetchone()[0]
        finally:
            con.close()

    # --- publish -----------------------------------------------------------------------
    def publish(self, audited: int) -> LakePublication:
        """Publish snapshot ``audited`` (the head the audit read): insert one row into
        ``serving.publication``. Cost O(1): no data is copied or rewritten.

        Raises:
            LakeError: the head is no longer ``audited`` (another writer committed since the
                audit: what it wrote was not audited, so nothing is published), or the lake
                holds no table in schema marts (nothing to publish).
        """
        con = self.connect()
        try:
            snapshot = con.execute(f"select id from {ALIAS}.current_snapshot()").fetchone()[0]
            if snapshot != audited:
                raise LakeError(
                    f"the lake changed during the audit (snapshot {audited} audited, head now {snapshot}): "
                    "not published; run again"
                )
            if not con.execute(
                "select count(*) from information_schema.tables where table_catalog = ? and table_schema = 'marts'",
                [ALIAS],
            ).fetchone()[0]:
                raise LakeError("the lake holds no tables in schema marts: nothing to publish")
            through = con.execute("select max(last_load_date) from marts.fct_orders").fetchone()[0]
            now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
            con.execute("create schema if not exists serving")
            con.execute(f"""
                create table if not exists {PUBLICATION_TABLE} (
                    snapshot_id bigint not null, published_at timestamp not null, built_through date)""")
            con.execute(f"insert into {PUBLICATION_TABLE} values (?, ?, ?)", [snapshot, now, through])
        finally:
            con.close()
        return LakePublication(snapshot, now, through)

    def publications(self) -> list[LakePublication]:
        """Every publication, oldest first (empty before the first publish)."""
        import duckdb

        con = self.connect(read_only=True, reader=True)
        try:
            # Asked directly: information_schema would load the whole catalog (about 1.5 s).
            rows = con.execute(
                f"select snapshot_id, published_at, built_through from {PUBLICATION_TABLE} order by published_at"
            ).fetchall()
        except duckdb.CatalogException:  # no publication table yet: nothing published
            return []
        finally:
            con.close()
        return [LakePublication(*r) for r in rows]

    def publication_at(self, when: dt.datetime | None = None) -> LakePublication:
        """The publication readers read at UTC time ``when`` (None: now): the newest one
        published at or before it.

        Raises:
            LakeError: nothing was published by then.
        """
        pubs = [p for p in self.publications() if when is None or p.published_at <= when]
        if not pubs:
            at = f" by {when:%Y-%m-%d %H:%M:%S} UTC" if when else ""
            raise LakeError(f"nothing published in the lake{at}: run `make build TARGET=lake`")
        return pubs[-1]

    def open_published(self, when: dt.datetime | None = None, snapshot: int | None = None):
        """A reader's connection: the lake at the snapshot published at ``when`` (None: the
        current publication), or at published ``snapshot``; read-only, as the reader role,
        file access confined to the lake's data files, configuration locked.

        Raises:
            LakeError: nothing published (by then), or ``snapshot`` was never published.
        """
        if snapshot is None:
            snapshot = self.publication_at(when).snapshot_id
        elif snapshot not in {p.snapshot_id for p in self.publications()}:
            raise LakeError(f"snapshot {snapshot} was never published (python -m warehouse as-of --list)")
        con = self.connect(snapshot=snapshot, reader=True)
        con.execute(f"set allowed_directories = ['{self.data_path}/']")
        con.execute("set enable_external_access = false")
        con.execute("set lock_configuration = true")
        return con

    # --- maintenance -------------------------------------------------------------------
    def files(self) -> tuple[int, int]:
        """(Parquet files, bytes) under the data path."""
        paths = [p for p in self.data_path.rglob("*.parquet")] if self.data_path.exists() else []
        return len(paths), sum(p.stat().st_size for p in paths)

    def maintain(self, keep_days: int = 7) -> dict[str, int]:
        """Merge small adjacent data files, expire the snapshots older than ``keep_days``
        that no publication within them needs (the newest publication's snapshot is always
        kept), delete the files no kept snapshot reads. Returns figures before and after:
        ``snapshots_before/after``, ``files_before/after``, ``bytes_before/after``,
        ``expired``."""
        before_files, before_bytes = self.files()
        keep_from = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(days=keep_days)
        pubs = self.publications()
        # The oldest snapshot to keep: the publication in force at keep_from (a reader may
        # ask for any moment since then) or, with none that old, the oldest one since.
        in_force = [p for p in pubs if p.published_at <= keep_from]
        oldest_kept = (in_force[-1] if in_force else pubs[0]).snapshot_id if pubs else None
        con = self.connect()
        try:
            before = con.execute(f"select count(*) from {ALIAS}.snapshots()").fetchone()[0]
            con.execute(f"call ducklake_merge_adjacent_files('{ALIAS}')")
            expired = 0
            if oldest_kept is not None:
                ids = [
                    r[0]
                    for r in con.execute(
                        f"select snapshot_id from {ALIAS}.snapshots() where snapshot_id < ? order by 1", [oldest_kept]
                    ).fetchall()
                ]
                if ids:
                    con.execute(f"call ducklake_expire_snapshots('{ALIAS}', versions => {ids})")
                    expired = len(ids)
            con.execute(f"call ducklake_cleanup_old_files('{ALIAS}', cleanup_all => true)")
            after = con.execute(f"select count(*) from {ALIAS}.snapshots()").fetchone()[0]
        finally:
            con.close()
        after_files, after_bytes = self.files()
        return {
            "snapshots_before": before,
            "snapshots_after": after,
            "expired": expired,
            "files_before": before_files,
            "files_after": after_files,
            "bytes_before": before_bytes,
            "bytes_after": after_bytes,
        }

    # --- interop -----------------------------------------------------------------------
    def export(self, dest: Path, schemas: tuple[str, ...] = MART_SCHEMAS) -> dict:
        """Write every table of ``schemas`` at the published snapshot as one Parquet file
        ``<dest>/<schema>/<table>.parquet``, and ``<dest>/manifest.json`` describing them
        (snapshot, publication time, per table: path, rows, columns with DuckDB types,
        SHA-256 of the file). Any engine that reads Parquet (Spark's ``spark.read.parquet``,
        pandas, Trino) reads the export without DuckLake. Returns the manifest.
        """
        pub = self.publication_at()
        con = self.connect(snapshot=pub.snapshot_id, reader=True)
        dest = Path(dest)
        tables = []
        try:
            rows = con.execute(
                "select table_schema, table_name from information_schema.tables where table_catalog = ? "
                f"and table_type = 'BASE TABLE' and table_schema in ({', '.join('?' for _ in schemas)}) order by 1, 2",
                [ALIAS, *schemas],
            ).fetchall()
            for schema, table in rows:
                out = dest / schema / f"{table}.parquet"
                out.parent.mkdir(parents=True, exist_ok=True)
                rel = f'{ALIAS}."{schema}"."{table}"'
                con.execute(f"copy (select * from {rel}) to '{out}' (format parquet, compression zstd)")
                columns = con.execute(
                    "select column_name, data_type from information_schema.columns where table_catalog = ? "
                    "and table_schema = ? and table_name = ? order by ordinal_position",
                    [ALIAS, schema, table],
                ).fetchall()
                tables.append(
                    {
                        "table": f"{schema}.{table}",
                        "path": out.relative_to(dest).as_posix(),
                        "rows": con.execute(f"select count(*) from {rel}").fetchone()[0],
                        "columns": [{"name": c, "type": t} for c, t in columns],
                        "sha256": hashlib.sha256(out.read_bytes()).hexdigest(),
                    }
                )
        finally:
            con.close()
        manifest = {
            "format": "parquet",
            "snapshot_id": pub.snapshot_id,
            "published_at": pub.published_at.isoformat(),
            "built_through": pub.built_through.isoformat() if pub.built_through else None,
            "tables": tables,
        }
        (dest / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
        return manifest
