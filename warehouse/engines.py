"""The project on more than one engine: the ``postgres`` and ``spark`` targets, and the comparison
of their marts with the embedded DuckDB warehouse (``python -m warehouse compare-engines``).

Engines:
    duckdb    the default: the build warehouse file (``data/build/warehouse.duckdb``), read here
              read-only.
    postgres  dbt target ``postgres`` (profiles.yml) in the local PostgreSQL server of
              warehouse.services (or any server the ``WAREHOUSE_PG_*`` variables name); the raw
              zone is loaded into it by warehouse.raw_load.
    spark     dbt target ``spark`` (profiles.yml): the Thrift Server of the local Spark
              cluster of warehouse.services (or the one ``WAREHOUSE_SPARK_HOST/PORT`` name);
              the raw zone is registered as external tables by warehouse.raw_load.
    lake      dbt target ``lake`` (profiles.yml): the DuckLake of warehouse.lake; it reads the
              raw zone's files as the DuckDB file does; compared at its published snapshot.

The comparison reads both sides through one DuckDB connection, so every value is fingerprinted
by the same code whatever engine computed it: the PostgreSQL side through DuckDB's postgres
extension (read-only); the lake side attached at its published snapshot; the Spark side as
Parquet that Spark writes of each mart relation (``INSERT OVERWRITE DIRECTORY ... USING
parquet``, types kept) under
``<services dir>/spark/compare/``:

- per relation of the mart schemas (``marts``, ``marts_snowflake``): the column list, the row
  count, and per column an order-independent checksum (the sum of a 64-bit hash of each
  value's canonical text: exact numbers at their scale, floating-point numbers to 9
  significant digits, timestamps to the microsecond), plus the exact sum of every numeric
  column (the money columns to the cent);
- the 22 TPC-H answers (the analyses ``analyses/tpch_answer_set``, compiled for each engine):
  equal row by row by :func:`warehouse.answer_set`'s cell rules.

No mart column records when a build ran (the vault's load_datetime does, and is not a mart),
so every column of every mart is compared.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
import os
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from warehouse.lake import Lake
from warehouse.raw_load import quote_identifier as _q
from warehouse.raw_load import quote_literal as _literal
from warehouse.services import SPARK_SESSION_CONF, PostgresService, SparkService, spark_error_message

ENGINES: tuple[str, ...] = ("duckdb", "postgres", "spark", "lake")
MART_SCHEMAS: tuple[str, ...] = ("marts", "marts_snowflake")
_FLOAT_DIGITS = 9


class EngineError(RuntimeError):
    """An engine cannot be reached or read; the message says which and why."""


@dataclass(frozen=True)
class PostgresEngine:
    """The ``postgres`` dbt target on the local (or configured) PostgreSQL server."""

    service: PostgresService = field(default_factory=PostgresService.from_env)

    name = "postgres"
    catalog = "pg"

    def dsn(self) -> str:
        """libpq connection string: the ``WAREHOUSE_PG_*`` variables when set, else the local server's."""
        if os.environ.get("WAREHOUSE_PG_PASSWORD"):
            e = os.environ
            return (
                f"host={e.get('WAREHOUSE_PG_HOST', '127.0.0.1')} port={e.get('WAREHOUSE_PG_PORT', self.service.port)} "
                f"dbname={e.get('WAREHOUSE_PG_DATABASE', 'warehouse')} user={e.get('WAREHOUSE_PG_USER', 'warehouse')} "
                f"password={e['WAREHOUSE_PG_PASSWORD']}"
            )
        return self.service.dsn()

    def dbt_env(self, target_path: Path) -> dict[str, str]:
        """Env vars for dbt to build this target; artifacts go to ``target_path`` (apart from
        the DuckDB target's, so neither re-parses the other's manifest)."""
        env = {"DBT_TARGET": "postgres", "DBT_TARGET_PATH": str(target_path)}
        if not os.environ.get("WAREHOUSE_PG_PASSWORD"):
            env.update(self.service.dbt_env())
        return env

    def query(self, sql: str) -> list[tuple]:
        """Rows of ``sql`` run in PostgreSQL (through DuckDB's postgres_query, read-only)."""
        con = _duckdb()
        try:
            _attach_postgres(con, self.dsn())
            return con.execute("select * from postgres_query('pg', ?)", [sql]).fetchall()
        finally:
            con.close()

    def execute(self, sql: str) -> None:
        """Run a statement in PostgreSQL that returns no rows (DuckDB's postgres_execute)."""
        con = _duckdb()
        try:
            _attach_postgres(con, self.dsn(), read_only=False)
            con.execute("call postgres_execute('pg', ?)", [sql])
        finally:
            con.close()

    def built_through(self) -> str | None:
        """Newest CDC load date the facts hold (``max(marts.fct_orders.last_load_date)``), or None."""
        try:
            rows = self.query(
                "select max(last_load_date)::text from marts.fct_orders "
                "where to_regclass('marts.fct_orders') is not null"
            )
        except Exception:  # no mart yet: the first build
            return None
        return rows[0][0] if rows and rows[0][0] else None

    def mart_row_counts(self, schema: str = "marts") -> dict[str, int]:
        """``{relation: rows}`` of every table and view in ``schema``, sorted by name."""
        con = _duckdb()
        try:
            _attach_postgres(con, self.dsn())
            names = [
                r[0]
                for r in con.execute(
                    "select table_name from information_schema.tables where table_catalog = 'pg' "
                    "and table_schema = ? order by 1",
                    [schema],
                ).fetchall()
            ]
            return {n: con.execute(f"select count(*) from pg.{_q(schema)}.{_q(n)}").fetchone()[0] for n in names}
        finally:
            con.close()

    def reset(self) -> list[str]:
        """Drop every schema the project made in the database (raw zone copy, models,
        snapshots); return their names. For a new base extract, as the DuckDB build file is
        deleted then."""
        schemas = [
            r[0]
            for r in self.query(
                "select nspname::text from pg_namespace where nspowner = current_user::regrole "
                "and nspname not like 'pg\\_%' and nspname <> 'information_schema' and nspname <> 'public'"
            )
        ]
        if schemas:
            self.execute("; ".join(f"drop schema if exists {_q(s)} cascade" for s in schemas))
        return schemas

    def attach_marts(self, con) -> None:
        """Attach this engine's marts to DuckDB connection ``con`` as catalog ``pg`` (read-only)."""
        try:
            _attach_postgres(con, self.dsn())
        except Exception as exc:
            raise EngineError(f"cannot reach PostgreSQL ({exc}); start it with `make services-start`") from exc

    def prepare_answers(self, con) -> None:
        """Make :meth:`answer` work on DuckDB connection ``con``: attach PostgreSQL as ``pg``."""
        self.attach_marts(con)

    def answer(self, con, sql: str) -> list[tuple]:
        """Rows of one compiled analysis, run in PostgreSQL (``con`` prepared by :meth:`prepare_answers`)."""
        return con.execute("select * from postgres_query('pg', ?)", [sql]).fetchall()


@dataclass(frozen=True)
class SparkEngine:
    """The ``spark`` dbt target: the Thrift Server of the local (or configured) Spark cluster."""

    service: SparkService = field(default_factory=SparkService.from_env)

    name = "spark"
    catalog = "spark"

    def address(self) -> tuple[str, int]:
        """(host, port) of the Thrift Server: ``WAREHOUSE_SPARK_HOST/PORT`` when set, else the local one's."""
        e = os.environ
        return e.get("WAREHOUSE_SPARK_HOST", self.service.host), int(
            e.get("WAREHOUSE_SPARK_PORT", self.service.thrift_port)
        )

    @property
    def local(self) -> bool:
        """Whether the target is the local cluster of warehouse.services (no ``WAREHOUSE_SPARK_HOST``)."""
        return not os.environ.get("WAREHOUSE_SPARK_HOST")

    def dbt_env(self, target_path: Path) -> dict[str, str]:
        """Env vars for dbt to build this target; artifacts go to ``target_path``."""
        host, port = self.address()
        return {
            "DBT_TARGET": "spark",
            "DBT_TARGET_PATH": str(target_path),
            "WAREHOUSE_SPARK_HOST": host,
            "WAREHOUSE_SPARK_PORT": str(port),
        }

    def query(self, sql: str) -> list[tuple]:
        """Rows of ``sql`` run on Spark (PyHive over the Thrift Server)."""
        from pyhive import hive

        host, port = self.address()
        try:
            with hive.connect(host=host, port=port, auth="NONE", configuration=SPARK_SESSION_CONF) as con:
                cursor = con.cursor()
                cursor.execute(sql)
                return cursor.fetchall() if cursor.description else []
        except (OSError, EOFError) as exc:
            raise EngineError(f"cannot reach the Spark Thrift Server at {host}:{port} ({exc})") from exc
        except Exception as exc:  # PyHive's errors carry the whole Java stack
            first_line = sql.strip().splitlines()[0][:100]
            raise EngineError(f"Spark refused `{first_line}`: {spark_error_message(exc)}") from exc

    def built_through(self) -> str | None:
        """Newest CDC load date the facts hold (``max(marts.fct_orders.last_load_date)``), or None."""
        try:
            rows = self.query("select cast(max(last_load_date) as string) from marts.fct_orders")
        except Exception:  # no mart yet: the first build
            return None
        return rows[0][0] if rows and rows[0][0] else None

    def relations(self, schema: str) -> list[str]:
        """Tables and views of Spark database ``schema``, sorted (none when it does not exist)."""
        try:
            rows = self.query(f"show tables in {schema}")
        except Exception:
            return []
        return sorted(r[1] for r in rows if not r[2])  # (namespace, tableName, isTemporary)

    def mart_row_counts(self, schema: str = "marts") -> dict[str, int]:
        """``{relation: rows}`` of every table and view in ``schema``, sorted by name."""
        return {n: int(self.query(f"select count(*) from {schema}.{n}")[0][0]) for n in self.relations(schema)}

    def reset(self) -> list[str]:
        """Drop every database the project made on Spark but ``default`` (external raw tables
        drop only their metadata, never the raw zone's files); return their names."""
        schemas = [r[0] for r in self.query("show databases") if r[0] != "default"]
        for schema in schemas:
            self.query(f"drop database if exists {schema} cascade")
        return schemas

    def export_dir(self) -> Path:
        return self.service.root / "compare"

    def attach_marts(self, con) -> None:
        """Have Spark write every relation of the mart schemas as Parquet (:meth:`export_dir`)
        and expose them to DuckDB connection ``con`` as views of catalog ``spark``. The
        directory must be one this process can read (the local cluster's; on a remote
        cluster, point ``WAREHOUSE_SERVICES_DIR`` at a shared path)."""
        root = self.export_dir()
        shutil.rmtree(root, ignore_errors=True)
        con.execute("attach ':memory:' as spark")
        for schema in MART_SCHEMAS:
            con.execute(f"create schema spark.{_q(schema)}")
            for name in self.relations(schema):
                out = root / schema / name
                self.query(
                    f"insert overwrite directory {_literal(str(out))} using parquet select * from {schema}.{name}"
                )
                con.execute(
                    f"create view spark.{_q(schema)}.{_q(name)} as "
                    f"select * from read_parquet({_literal(str(out / '*.parquet'))})"
                )

    def prepare_answers(self, con) -> None:
        """Nothing to prepare: :meth:`answer` asks the Thrift Server directly."""

    def answer(self, con, sql: str) -> list[tuple]:
        """Rows of one compiled analysis, run on Spark."""
        return self.query(sql)


@dataclass(frozen=True)
class LakeEngine:
    """The ``lake`` dbt target: the DuckLake of warehouse.lake (PostgreSQL or SQLite catalog).

    dbt and the audit read the head snapshot; the comparison and every reader read the
    published one."""

    lake: Lake = field(default_factory=Lake.from_env)

    name = "lake"
    catalog = "lake"

    def dbt_env(self, target_path: Path) -> dict[str, str]:
        """Env vars for dbt to build this target; artifacts go to ``target_path``."""
        return self.lake.dbt_env(target_path)

    def built_through(self) -> str | None:
        """Newest CDC load date the head snapshot's facts hold, or None (nothing built yet)."""
        try:
            con = self.lake.connect(read_only=True)
        except Exception:  # no catalog yet: the first build
            return None
        try:
            value = con.execute("select max(last_load_date) from marts.fct_orders").fetchone()[0]
        except Exception:
            value = None
        finally:
            con.close()
        return value.isoformat() if value else None

    def mart_row_counts(self, schema: str = "marts") -> dict[str, int]:
        """``{relation: rows}`` of every table and view in ``schema`` at the published snapshot."""
        con = self.lake.open_published()
        try:
            names = [
                r[0]
                for r in con.execute(
                    "select table_name from information_schema.tables where table_catalog = 'lake' "
                    "and table_schema = ? order by 1",
                    [schema],
                ).fetchall()
            ]
            return {n: con.execute(f"select count(*) from {_q(schema)}.{_q(n)}").fetchone()[0] for n in names}
        finally:
            con.close()

    def reset(self) -> list[str]:
        """Drop the lake's catalog and data files (a new base extract); return what went."""
        return self.lake.reset()

    def attach_marts(self, con) -> None:
        """Attach the lake at its published snapshot to DuckDB connection ``con`` as catalog
        ``lake`` (read-only, as the reader role)."""
        try:
            snapshot = self.lake.publication_at().snapshot_id
            con.execute(
                f"load ducklake; load {'sqlite_scanner' if self.lake.catalog == 'sqlite' else 'postgres_scanner'}"
            )
            uri = _literal(self.lake.uri(reader=True))
            con.execute(f"attach {uri} as lake (read_only, snapshot_version {snapshot})")
        except Exception as exc:
            raise EngineError(f"cannot read the lake ({self.lake.describe()}): {exc}") from exc

    def prepare_answers(self, con) -> None:
        """Make :meth:`answer` work on ``con``: attach the published lake as ``lake``."""
        self.attach_marts(con)

    def answer(self, con, sql: str) -> list[tuple]:
        """Rows of one analysis compiled for the lake target (it names catalog ``lake``)."""
        return con.execute(sql).fetchall()


# --- comparison --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    """One difference between two engines: where (relation or query, column) and what."""

    where: str
    what: str

    def describe(self) -> str:
        return f"{self.where}: {self.what}"


@dataclass(frozen=True)
class Comparison:
    """The outcome of comparing engine ``right`` with engine ``left``."""

    left: str
    right: str
    relations: int
    queries: int
    differences: tuple[Difference, ...]

    @property
    def equal(self) -> bool:
        return not self.differences


def _duckdb():
    import duckdb

    con = duckdb.connect()
    con.execute("set autoinstall_known_extensions = false")
    con.execute("load postgres_scanner")
    return con


def _attach_postgres(con, dsn: str, read_only: bool = True) -> None:
    options = "type postgres, read_only" if read_only else "type postgres"
    con.execute(f"attach {_literal(dsn)} as pg ({options})")


def _canonical(column: str, data_type: str) -> str:
    """SQL (DuckDB) for the canonical text of a value: equal values give equal text whichever
    engine stored them (DECIMAL(18,2) and NUMERIC(18,2) alike; doubles to 9 digits)."""
    col = _q(column)
    t = data_type.upper()
    if t in ("DOUBLE", "FLOAT", "REAL") or t.startswith("FLOAT"):
        return f"printf('%.{_FLOAT_DIGITS}g', cast({col} as double))"
    if _is_number(t):
        return f"cast(cast({col} as decimal(38, 6)) as varchar)"
    if t.startswith("TIMESTAMP"):
        return f"strftime(cast({col} as timestamp), '%Y-%m-%d %H:%M:%S.%f')"
    return f"cast({col} as varchar)"


def _is_number(data_type: str) -> bool:
    t = data_type.upper()
    return t.startswith(("DECIMAL", "NUMERIC")) or t in ("BIGINT", "INTEGER", "SMALLINT", "HUGEINT", "TINYINT")


def _fingerprint(con, catalog: str, schema: str, table: str, columns: Sequence[tuple[str, str]]) -> dict[str, object]:
    """``{"rows": n, "<column>": checksum, "<column>.sum": exact sum}`` of one relation."""
    exprs = ["count(*)"]
    keys = ["rows"]
    for name, data_type in columns:
        exprs.append(f"sum(hash(coalesce({_canonical(name, data_type)}, '<null>'))::hugeint)")
        keys.append(name)
        if _is_number(data_type):
            exprs.append(f"sum(cast({_q(name)} as decimal(38, 6)))")
            keys.append(f"{name}.sum")
    row = con.execute(f"select {', '.join(exprs)} from {catalog}.{_q(schema)}.{_q(table)}").fetchone()
    return dict(zip(keys, row, strict=True))


def compare_marts(con, left: str, right: str) -> tuple[int, list[Difference]]:
    """Compare every relation of the mart schemas in catalog ``left`` with ``right`` (both
    attached to ``con``); return (relations compared, differences)."""
    differences: list[Difference] = []
    listing = (
        "select table_schema, table_name from information_schema.tables "
        f"where table_catalog = '{{c}}' and table_schema in ({', '.join(_literal(s) for s in MART_SCHEMAS)})"
    )
    left_rel = set(con.execute(listing.format(c=left)).fetchall())
    right_rel = set(con.execute(listing.format(c=right)).fetchall())
    for schema, table in sorted(left_rel - right_rel):
        differences.append(Difference(f"{schema}.{table}", f"missing on {right}"))
    for schema, table in sorted(right_rel - left_rel):
        differences.append(Difference(f"{schema}.{table}", f"only on {right}"))
    common = sorted(left_rel & right_rel)
    cols_sql = (
        "select column_name, data_type from information_schema.columns "
        "where table_catalog = '{c}' and table_schema = ? and table_name = ? order by ordinal_position"
    )
    for schema, table in common:
        where = f"{schema}.{table}"
        lcols = con.execute(cols_sql.format(c=left), [schema, table]).fetchall()
        rcols = dict(con.execute(cols_sql.format(c=right), [schema, table]).fetchall())
        missing = [c for c, _ in lcols if c not in rcols]
        extra = sorted(set(rcols) - {c for c, _ in lcols})
        if missing:
            differences.append(Difference(where, f"columns missing on {right}: {', '.join(missing)}"))
        if extra:
            differences.append(Difference(where, f"columns only on {right}: {', '.join(extra)}"))
        shared = [(c, t) for c, t in lcols if c in rcols]
        lf = _fingerprint(con, left, schema, table, shared)
        # Both sides fingerprinted by the left side's types (DuckDB reads a PostgreSQL domain
        # such as hugeint by its base type or as text), so equal values give equal checksums.
        rf = _fingerprint(con, right, schema, table, shared)
        if lf["rows"] != rf["rows"]:
            differences.append(Difference(where, f"{lf['rows']:,} rows on {left}, {rf['rows']:,} on {right}"))
        for key in lf:
            if key == "rows" or lf[key] == rf[key]:
                continue
            if key.endswith(".sum"):
                differences.append(Difference(f"{where}.{key[:-4]}", f"sum {lf[key]} on {left}, {rf[key]} on {right}"))
            else:
                differences.append(Difference(f"{where}.{key}", "values differ (checksum)"))
    return len(common), differences


def _cells_equal(a: object, b: object) -> bool:
    """Whether two engines' values of one answer cell are equal: numbers exactly, floats to 1e-9
    (relative), a float against a DECIMAL to the DECIMAL's last digit (Spark returns an average
    of DECIMALs as a DECIMAL rounded to 6 places where DuckDB returns a DOUBLE), dates and
    timestamps by value, anything else by its text."""
    if a is None or b is None:
        return a is b
    if (
        isinstance(a, float)
        and isinstance(b, decimal.Decimal)
        or isinstance(b, float)
        and isinstance(a, decimal.Decimal)
    ):
        exact, approx = (a, b) if isinstance(a, decimal.Decimal) else (b, a)
        half_ulp = decimal.Decimal(5).scaleb(exact.as_tuple().exponent - 1)
        return abs(decimal.Decimal(approx) - exact) <= half_ulp
    if isinstance(a, float) or isinstance(b, float):
        try:
            return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)
        except (TypeError, ValueError):
            return False
    if isinstance(a, int | decimal.Decimal) and isinstance(b, int | decimal.Decimal):
        return decimal.Decimal(a) == decimal.Decimal(b)
    if isinstance(a, dt.datetime | dt.date) and isinstance(b, dt.datetime | dt.date):
        return a == b
    return str(a).strip() == str(b).strip()


def compare_answers(name: str, left: list[tuple], right: list[tuple], engines: tuple[str, str]) -> list[Difference]:
    """Differences between two engines' rows of one query (ordered answers compared in order)."""
    if len(left) != len(right):
        return [Difference(name, f"{len(left)} rows on {engines[0]}, {len(right)} on {engines[1]}")]
    out = []
    for i, (lrow, rrow) in enumerate(zip(left, right, strict=True), start=1):
        for j, (a, b) in enumerate(zip(lrow, rrow, strict=False), start=1):
            if not _cells_equal(a, b):
                out.append(Difference(name, f"row {i} column {j}: {a!r} on {engines[0]}, {b!r} on {engines[1]}"))
                if len(out) >= 3:
                    return out
    return out


Engine = PostgresEngine | SparkEngine | LakeEngine


def engine_named(name: str) -> Engine:
    """The engine of dbt target ``name`` (``postgres``, ``spark`` or ``lake``).

    Raises:
        EngineError: another name.
    """
    if name == "postgres":
        return PostgresEngine()
    if name == "spark":
        return SparkEngine()
    if name == "lake":
        return LakeEngine()
    raise EngineError(f"no engine {name!r} to compare with DuckDB; choose postgres, spark or lake")


def compare(db_path: Path, raw_dir: Path, engine: Engine | None = None, queries: bool = True) -> Comparison:
    """Compare the marts of the DuckDB build warehouse ``db_path`` with ``engine``'s (default
    the ``postgres`` target), and (``queries``) the 22 TPC-H answers asked of each.

    Raises:
        EngineError: the DuckDB file is missing, or the engine cannot be reached.
    """
    from warehouse import answer_set, pipeline

    engine = engine or PostgresEngine()
    if not db_path.exists():
        raise EngineError(f"no DuckDB build warehouse at {db_path}: run `make build` first")
    con = _duckdb()
    try:
        con.execute(f"attach {_literal(str(db_path))} as duck (read_only)")
        engine.attach_marts(con)
        relations, differences = compare_marts(con, "duck", engine.catalog)
    finally:
        con.close()
    asked = 0
    if queries:
        duck_sql = answer_set.compile_queries(raw_dir, db_path)
        engine_sql = answer_set.compile_queries(raw_dir, db_path, engine.dbt_env(pipeline.target_dir() / engine.name))
        con = _duckdb()
        try:
            catalog = db_path.stem
            con.execute(f"attach {_literal(str(db_path))} as {_q(catalog)} (read_only)")
            con.execute(f"use {_q(catalog)}")
            engine.prepare_answers(con)
            for n in answer_set.QUERY_NUMBERS:
                left = con.execute(duck_sql[n]).fetchall()
                right = engine.answer(con, engine_sql[n])
                differences += compare_answers(f"TPC-H Q{n:02d}", left, right, ("duckdb", engine.name))
                asked += 1
        finally:
            con.close()
    return Comparison("duckdb", engine.name, relations, asked, tuple(differences))


def main(db_path: Path, raw_dir: Path, queries: bool = True, engine: str = "postgres") -> int:
    """``python -m warehouse compare-engines [--engine postgres|spark]``: print the verdict and
    every difference; return 0 when DuckDB and the engine agree, 1 otherwise, 2 when one
    cannot be read."""
    try:
        result = compare(db_path, raw_dir, engine_named(engine), queries=queries)
    except EngineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for d in result.differences:
        print(f"  DIFFERS {d.describe()}")
    what = f"{result.relations} mart relations" + (f" and {result.queries} TPC-H answers" if result.queries else "")
    if result.equal:
        print(f"{result.left} and {result.right} agree: {what} equal (row counts, column checksums, money sums)")
        return 0
    print(
        f"error: {len(result.differences)} difference(s) between {result.left} and {result.right} over {what}",
        file=sys.stderr,
    )
    return 1
