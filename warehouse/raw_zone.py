"""Raw zone (bronze): land the TPC-H base extract as hive-partitioned Parquet.

Layout written by :func:`land_tpch` (column names exactly as the TPC-H source has them,
plus one ingestion column ``_loaded_at``)::

    <raw_dir>/tpch/<table>/load_date=YYYY-MM-DD/part-0.parquet
    <raw_dir>/tpch/_manifest.json

The base extract is a full snapshot of the source system, so the raw zone holds exactly
one ``load_date`` of it: landing the same date again replaces that partition (never
duplicates it); landing another date while one exists is refused unless ``replace=True``.
Two generators land the same tables, types and layout (``generator=``):

- ``tpchgen`` (default): ``tpchgen-cli``, the Rust port of the reference ``dbgen``; same
  keys, numbers, dates and names, but different addresses and comments, so 17 of TPC-H's 22
  answers equal the official answer set. Fast and streaming (measured in bench/README.md).
- ``dbgen``: DuckDB's tpch extension (``call dbgen(sf=…)``, registered offline from its
  wheel), the reference generator: the 22 answers equal ``tpch_answers()`` for SF 0.01, 0.1
  and 1 (see :mod:`warehouse.answer_set`). Slower and holds the tables in a temporary DuckDB
  file while it writes them.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb

TPCH_TABLES: tuple[str, ...] = (
    "region",
    "nation",
    "supplier",
    "customer",
    "part",
    "partsupp",
    "orders",
    "lineitem",
)
"""The eight TPC-H tables, smallest first."""

MANIFEST_NAME = "_manifest.json"

# Parquet bytes per unit of scale factor (measured: SF 1 is about 345 MB from tpchgen-cli,
# about 330 MB after re-writing with zstd). Generation needs the temporary copy and the
# landed copy at once, hence the factor 2, plus a fixed margin.
_BYTES_PER_SF = 360 * 1024**2
_MARGIN_BYTES = 64 * 1024**2

GENERATORS: tuple[str, ...] = ("tpchgen", "dbgen")
"""Names accepted by :func:`land_tpch`'s ``generator``; the first is the default."""

# dbgen's column types where they differ from tpchgen-cli's; the raw zone keeps one schema
# whichever generator landed it (keys BIGINT, line number and quantities INTEGER).
_DBGEN_CASTS: dict[str, dict[str, str]] = {
    "customer": {"c_nationkey": "bigint"},
    "lineitem": {"l_linenumber": "integer"},
    "nation": {"n_nationkey": "bigint", "n_regionkey": "bigint"},
    "partsupp": {"ps_availqty": "integer"},
    "region": {"r_regionkey": "bigint"},
    "supplier": {"s_nationkey": "bigint"},
}

MIN_SCALE_FACTOR = 0.001
MAX_SCALE_FACTOR = 1000.0


class RawZoneError(Exception):
    """A landing could not be done; the message says why and what to do."""


@dataclass(frozen=True)
class TableLanding:
    """One table's landed partition: ``rows`` count, ``path`` relative to the raw dir, its
    size in ``bytes`` and ``sha256`` (hex digest of the file; None in manifests written
    before it was recorded)."""

    rows: int
    path: str
    bytes: int
    sha256: str | None = None


@dataclass
class Manifest:
    """What the raw zone holds for the TPC-H base extract (written as ``_manifest.json``).

    ``scale_factor`` is the TPC-H SF (1 = about 1 GB of raw text); ``loaded_at`` is the UTC
    ISO-8601 timestamp stamped on every row as ``_loaded_at``; ``tables`` maps each table
    name to its :class:`TableLanding`.
    """

    scale_factor: float
    load_date: str
    loaded_at: str
    generator: str
    tables: dict[str, TableLanding] = field(default_factory=dict)

    def to_json(self) -> str:
        """Return the manifest as pretty-printed JSON text."""
        return json.dumps(asdict(self), indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_file(cls, path: Path) -> Manifest:
        """Read a manifest written by :meth:`to_json`.

        Raises:
            RawZoneError: the file is missing or not a manifest.
        """
        try:
            data = json.loads(path.read_text())
            tables = {k: TableLanding(**v) for k, v in data.pop("tables").items()}
            return cls(tables=tables, **data)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise RawZoneError(f"cannot read raw-zone manifest {path}: {exc}") from exc


def validate_scale_factor(value: float | str) -> float:
    """Parse and check a TPC-H scale factor.

    Args:
        value: a number or its text, e.g. ``0.1`` or ``"1"``.

    Returns:
        The scale factor as a float in [0.001, 1000].

    Raises:
        RawZoneError: not a number, or outside that range.
    """
    try:
        sf = float(value)
    except (TypeError, ValueError):
        raise RawZoneError(f"scale factor must be a number such as 0.01, 0.1, 1 or 10; got {value!r}") from None
    if not (MIN_SCALE_FACTOR <= sf <= MAX_SCALE_FACTOR) or sf != sf:
        raise RawZoneError(
            f"scale factor must be between {MIN_SCALE_FACTOR} and {MAX_SCALE_FACTOR:g} "
            f"(1 = about 6 million order lines); got {value!r}"
        )
    return sf


def required_bytes(scale_factor: float) -> int:
    """Bytes of free disk needed to land ``scale_factor`` (temporary + landed copy)."""
    return int(2 * _BYTES_PER_SF * scale_factor + _MARGIN_BYTES)


def check_free_space(directory: Path, scale_factor: float) -> None:
    """Fail early when ``directory``'s filesystem cannot hold the landing.

    Raises:
        RawZoneError: fewer free bytes than :func:`required_bytes` says are needed.
    """
    directory.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(directory).free
    need = required_bytes(scale_factor)
    if free < need:
        raise RawZoneError(
            f"not enough disk space in {directory}: SF {scale_factor:g} needs about "
            f"{need / 1024**2:,.0f} MiB free, only {free / 1024**2:,.0f} MiB are; "
            "free some space or choose a smaller scale factor"
        )


def existing_load_dates(raw_dir: Path) -> set[str]:
    """Return the ``load_date`` partitions present for any TPC-H table under ``raw_dir``."""
    dates: set[str] = set()
    for table in TPCH_TABLES:
        table_dir = raw_dir / "tpch" / table
        if table_dir.is_dir():
            dates.update(
                p.name.split("=", 1)[1] for p in table_dir.iterdir() if p.is_dir() and p.name.startswith("load_date=")
            )
    return dates


def read_manifest(raw_dir: Path) -> Manifest | None:
    """Return the current manifest, or None when nothing has been landed yet."""
    path = raw_dir / "tpch" / MANIFEST_NAME
    return Manifest.from_file(path) if path.exists() else None


def _tpchgen_executable() -> str:
    """Path of the ``tpchgen-cli`` installed beside this Python (the project venv)."""
    candidate = Path(sys.executable).with_name("tpchgen-cli")
    if candidate.exists():
        return str(candidate)
    found = shutil.which("tpchgen-cli")
    if found is None:
        raise RawZoneError("tpchgen-cli is not installed: run `make build` (it installs it)")
    return found


def _run_tpchgen(scale_factor: float, out_dir: Path, threads: int) -> None:
    """Generate all eight tables as Parquet files ``<out_dir>/<table>.parquet``."""
    cmd = [
        _tpchgen_executable(),
        "parquet",
        "--scale-factor",
        f"{scale_factor:g}",
        "--output-dir",
        str(out_dir),
        "--num-threads",
        str(threads),
        "--no-progress",
        "--quiet",
    ]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()
        if "No space left" in detail:
            raise RawZoneError(f"disk full while generating TPC-H data in {out_dir}: {detail}")
        raise RawZoneError(f"tpchgen-cli failed (exit {result.returncode}): {detail}")


def _run_dbgen(scale_factor: float, out_dir: Path) -> None:
    """Generate all eight tables with DuckDB's reference ``dbgen`` as Parquet files
    ``<out_dir>/<table>.parquet``, cast to tpchgen-cli's column types (``_DBGEN_CASTS``).
    The tables are generated into a temporary DuckDB file in ``out_dir`` (removed after),
    so DuckDB can spill to disk at large scale factors."""
    from warehouse.extensions import register_extensions

    out_dir.mkdir(parents=True)
    register_extensions(("tpch",))
    db_file = out_dir / "dbgen.duckdb"
    con = duckdb.connect(str(db_file))
    try:
        con.execute("set autoinstall_known_extensions = false")
        con.execute("load tpch")
        con.execute(f"call dbgen(sf = {scale_factor!r})")
        for table in TPCH_TABLES:
            casts = _DBGEN_CASTS.get(table, {})
            columns = [row[0] for row in con.execute(f"describe {table}").fetchall()]
            select = ", ".join(f"cast({c} as {casts[c]}) as {c}" if c in casts else c for c in columns)
            con.execute(f"copy (select {select} from {table}) to '{out_dir / table}.parquet' (format parquet)")
    except duckdb.Error as exc:
        if "No space left" in str(exc):
            raise RawZoneError(f"disk full while generating TPC-H data in {out_dir}: {exc}") from exc
        raise RawZoneError(f"DuckDB dbgen failed: {exc}") from exc
    finally:
        con.close()
        db_file.unlink(missing_ok=True)


def generator_label(generator: str) -> str:
    """The manifest's ``generator`` text for a generator name, e.g. ``tpchgen-cli 2.0.1`` or
    ``duckdb dbgen 1.5.5`` (the tpch extension ships with, and is versioned as, DuckDB).

    Raises:
        RawZoneError: not one of :data:`GENERATORS`.
    """
    if generator == "tpchgen":
        return f"tpchgen-cli {_tpchgen_version()}"
    if generator == "dbgen":
        return f"duckdb dbgen {duckdb.__version__}"
    raise RawZoneError(f"unknown TPC-H generator {generator!r}: expected one of {', '.join(GENERATORS)}")


def generator_of(manifest: Manifest) -> str:
    """The generator name (one of :data:`GENERATORS`) that landed ``manifest``'s extract."""
    return "dbgen" if manifest.generator.startswith("duckdb dbgen") else "tpchgen"


def land_tpch(
    scale_factor: float | str,
    raw_dir: Path,
    load_date: dt.date | None = None,
    *,
    replace: bool = False,
    threads: int | None = None,
    generator: str = GENERATORS[0],
    progress: Callable[[str], None] = print,
) -> Manifest:
    """Generate the TPC-H base extract and land it in the raw zone.

    Args:
        scale_factor: TPC-H SF in [0.001, 1000]; SF 1 has 6,001,215 order lines and
            1,500,000 orders (about 345 MB of Parquet).
        raw_dir: root of the raw zone, e.g. ``data/raw``.
        load_date: partition date (UTC today when None).
        replace: drop a base extract landed under another ``load_date`` instead of refusing.
        threads: tpchgen-cli threads (default: all CPUs; dbgen uses DuckDB's threads).
        generator: ``"tpchgen"`` (tpchgen-cli) or ``"dbgen"`` (DuckDB's reference dbgen,
            whose answers equal the official TPC-H answer set).
        progress: called with one human-readable line per step.

    Returns:
        The manifest written to ``<raw_dir>/tpch/_manifest.json``.

    Raises:
        RawZoneError: bad scale factor, not enough disk (checked first, and on ENOSPC
            while writing), another load_date present without ``replace``, or the
            generator failed or is unknown. Nothing is left half-written in the landed partitions.
    """
    sf = validate_scale_factor(scale_factor)
    label = generator_label(generator)
    raw_dir = Path(raw_dir)
    load_date = load_date or dt.datetime.now(dt.UTC).date()
    date_text = load_date.isoformat()
    tpch_dir = raw_dir / "tpch"

    others = existing_load_dates(raw_dir) - {date_text}
    if others and not replace:
        raise RawZoneError(
            f"the raw zone already holds a TPC-H base extract for load_date "
            f"{', '.join(sorted(others))}; the base extract is a full snapshot, so only one "
            f"may be landed. Re-run with --replace to drop it and land {date_text}."
        )
    check_free_space(raw_dir, sf)

    loaded_at = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    staging = Path(tempfile.mkdtemp(prefix=f".landing-{uuid.uuid4().hex[:8]}-", dir=raw_dir))
    manifest = Manifest(
        scale_factor=sf,
        load_date=date_text,
        loaded_at=loaded_at.isoformat(),
        generator=label,
    )
    try:
        started = time.perf_counter()
        progress(f"generating TPC-H SF {sf:g} with {label} ...")
        if generator == "dbgen":
            _run_dbgen(sf, staging / "generated")
        else:
            _run_tpchgen(sf, staging / "generated", threads or os.cpu_count() or 1)
        progress(f"  generated in {time.perf_counter() - started:.1f} s")

        con = duckdb.connect()
        try:
            for table in TPCH_TABLES:
                t0 = time.perf_counter()
                part_dir = staging / "tpch" / table / f"load_date={date_text}"
                part_dir.mkdir(parents=True)
                target = part_dir / "part-0.parquet"
                source = staging / "generated" / f"{table}.parquet"
                con.execute(
                    f"copy (select *, cast(? as timestamp) as _loaded_at "
                    f"from read_parquet('{source}')) "
                    f"to '{target}' (format parquet, compression zstd)",
                    [loaded_at],
                )
                rows = con.execute(f"select count(*) from read_parquet('{target}')").fetchone()[0]
                manifest.tables[table] = TableLanding(
                    rows=rows,
                    path=str(target.relative_to(staging)),
                    bytes=target.stat().st_size,
                    sha256=file_sha256(target),
                )
                progress(
                    f"  landed {table:<9} {rows:>12,} rows  "
                    f"{target.stat().st_size / 1024**2:8.1f} MiB  "
                    f"{time.perf_counter() - t0:5.1f} s"
                )
        finally:
            con.close()

        # Swap the new partitions in. Each rename is atomic; old partitions of the same
        # date (and, with replace=True, of other dates) are removed first.
        for table in TPCH_TABLES:
            table_dir = tpch_dir / table
            table_dir.mkdir(parents=True, exist_ok=True)
            for old in table_dir.glob("load_date=*"):
                if old.name == f"load_date={date_text}" or replace:
                    shutil.rmtree(old)
            os.replace(
                staging / "tpch" / table / f"load_date={date_text}",
                table_dir / f"load_date={date_text}",
            )
        tmp_manifest = staging / MANIFEST_NAME
        tmp_manifest.write_text(manifest.to_json())
        os.replace(tmp_manifest, tpch_dir / MANIFEST_NAME)
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise RawZoneError(f"disk full while landing TPC-H data under {raw_dir}") from exc
        raise
    except duckdb.IOException as exc:
        if "No space left" in str(exc):
            raise RawZoneError(f"disk full while landing TPC-H data under {raw_dir}") from exc
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    total = sum(t.rows for t in manifest.tables.values())
    progress(f"landed {total:,} rows in {time.perf_counter() - started:.1f} s -> {tpch_dir}")
    return manifest


def _tpchgen_version() -> str:
    """Version text of the installed tpchgen-cli, e.g. ``4.0.0``."""
    try:
        out = subprocess.run([_tpchgen_executable(), "--version"], capture_output=True, text=True, check=True).stdout
        return out.strip().split()[-1]
    except (subprocess.CalledProcessError, IndexError):
        return "unknown"


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes, read in 1 MiB blocks."""
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_integrity(raw_dir: Path, cdc_files: list[Path]) -> str:
    """Check the raw zone before any model reads it; return a one-line summary.

    - Every base-extract file of the manifest exists with the landed size and, when the
      manifest records it, the landed SHA-256 (a flipped bit in a Parquet page changes it;
      SF 1: 0.2 s).
    - Every CDC file in ``cdc_files`` (each build's staging reads them all) is UTF-8 text:
      a line that is not JSON is quarantined by staging, but bytes that are not text make
      DuckDB's reader refuse the whole file.

    Raises:
        RawZoneError: naming the first bad file (and line), so the build stops before any
            model runs and the serving warehouse stays as it was.
    """
    raw_dir = Path(raw_dir)
    manifest = read_manifest(raw_dir)
    hashed = 0
    for _table, landing in sorted((manifest.tables if manifest else {}).items()):
        path = raw_dir / landing.path
        if not path.is_file():
            raise RawZoneError(
                f"corrupt raw zone: {path} is missing (landed with the base extract); "
                "land it again with `python -m warehouse build --regenerate`"
            )
        size = path.stat().st_size
        if size != landing.bytes:
            raise RawZoneError(
                f"corrupt raw zone: {path} has {size:,} bytes, landed with {landing.bytes:,}; "
                "land it again with `python -m warehouse build --regenerate`"
            )
        if landing.sha256 is not None:
            if file_sha256(path) != landing.sha256:
                raise RawZoneError(
                    f"corrupt raw zone: {path} differs from the file landed (SHA-256); "
                    "land it again with `python -m warehouse build --regenerate`"
                )
            hashed += 1
    for path in cdc_files:
        data = Path(path).read_bytes()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            raise RawZoneError(
                f"corrupt raw zone: {path} line {line} is not UTF-8 text ({exc.reason} at byte "
                f"{exc.start:,}); replace the file with a good delivery, then build again"
            ) from None
    base = f"{len(manifest.tables) if manifest else 0} base-extract files ({hashed} by SHA-256)"
    return f"raw zone intact: {base}, {len(cdc_files)} CDC files UTF-8"
