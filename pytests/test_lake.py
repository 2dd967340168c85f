"""The ``lake`` target: the project built into a DuckLake (catalog in a PostgreSQL server this
module starts on 127.0.0.1, data files in a temporary folder) from copies of the test raw
zone, published by snapshot (warehouse.lake).

- its marts and the 22 TPC-H answers equal the DuckDB test warehouse's (compare-engines);
- a reader querying the published snapshot again and again while the next daily run builds
  is never held up and never sees the unpublished snapshots the build commits meanwhile;
- a failed audit publishes nothing: readers keep the last published snapshot;
- time travel: ``python -m warehouse as-of`` answers on the snapshot published at a moment;
- maintenance merges files and expires snapshots without changing what readers read;
- the Parquet export holds every mart table with a manifest other engines can check.
"""

from __future__ import annotations

import json
import subprocess
import threading
import time
from pathlib import Path

import duckdb
import pytest

from pytests.conftest import REPO_ROOT, VENV_BIN, assert_engines_agree, engine_build, engine_build_env
from pytests.test_engines import _free_port
from warehouse.lake import Lake
from warehouse.services import PostgresService


def _cli(env: dict[str, str], *args: str, timeout: int = 900) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(VENV_BIN / "python"), "-m", "warehouse", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def lake_build(tmp_path_factory: pytest.TempPathFactory, built_warehouse: Path):
    """(environment, build output, Lake) of ``build --target lake`` at SF 0.01 with the test
    warehouse's simulated days, into a lake of its own."""
    root = tmp_path_factory.mktemp("lake")
    for parent in [root, *root.parents]:  # the server runs as the postgres user when root runs the tests
        if parent == Path("/tmp") or parent == Path("/"):
            break
        parent.chmod(parent.stat().st_mode | 0o011)
    port = _free_port()
    env = engine_build_env(root, built_warehouse, {"WAREHOUSE_PG_PORT": port})
    env.update(WAREHOUSE_LAKE_DIR=str(root / "lake"), WAREHOUSE_LAKE_CATALOG="postgres")
    lake = Lake(root / "lake", "postgres", PostgresService(root=root / "services" / "postgres", port=port))
    with engine_build(env, "lake", timeout_s=1800) as build:
        yield env, build, lake


def test_lake_build_passes_every_test_and_publishes_a_snapshot(lake_build) -> None:
    _, build, lake = lake_build
    out = build.stdout + build.stderr
    assert build.returncode == 0, out[-6000:]
    assert "ERROR=0" in build.stdout and "[6/6] publish: the audited snapshot" in build.stdout, out[-3000:]
    pubs = lake.publications()
    assert len(pubs) == 1 and pubs[0].built_through is not None
    assert pubs[0].snapshot_id < lake.head_snapshot()  # the publication row is itself a later commit
    files, size = lake.files()
    assert files > 0 and size > 0


def test_lake_marts_and_answers_equal_the_duckdb_file(lake_build) -> None:
    env, _, _ = lake_build
    assert_engines_agree(env, "lake")


def _published_view(lake: Lake) -> tuple[int, object, int]:
    """(snapshot read, max(last_load_date), rows) of fct_orders as a reader sees it."""
    con = lake.open_published()
    try:
        snapshot = con.execute("select id from lake.current_snapshot()").fetchone()[0]
        through, rows = con.execute("select max(last_load_date), count(*) from marts.fct_orders").fetchone()
    finally:
        con.close()
    return snapshot, through, rows


def test_a_reader_during_the_next_build_never_waits_and_never_sees_unpublished_data(lake_build) -> None:
    env, _, lake = lake_build
    before = lake.publications()
    reads: list[tuple[float, float, int, object, int, int]] = []
    done = threading.Event()

    def reader() -> None:
        while not done.is_set():
            t0 = time.monotonic()
            snapshot, through, rows = _published_view(lake)
            reads.append((t0, time.monotonic(), snapshot, through, rows, lake.head_snapshot()))

    thread = threading.Thread(target=reader, daemon=True)
    started = time.monotonic()
    thread.start()
    # The day's models and snapshots (dbt's tests on the lake are the build test's; the
    # audit, which gates the publish, runs whole).
    daily = _cli(env, "daily", "--target", "lake", "--", "--exclude-resource-type", "test", "unit_test")
    finished = time.monotonic()
    done.set()
    thread.join(timeout=120)
    assert daily.returncode == 0, daily.stdout[-4000:] + daily.stderr[-2000:]
    after = lake.publications()
    assert len(after) == len(before) + 1 and after[-1].built_through > before[-1].built_through
    published = {p.snapshot_id: p.built_through for p in after}
    during = [r for r in reads if r[0] >= started and r[1] <= finished]
    assert len(during) >= 5, f"only {len(during)} reads completed during the daily run"
    for _, _, snapshot, through, _, _ in reads:
        assert snapshot in published and through == published[snapshot], (snapshot, through, published)
    # While the build had committed snapshots newer than the publication, readers still read
    # the published one: the unpublished state existed and was invisible.
    hidden = [r for r in during if r[2] == before[-1].snapshot_id and r[5] > before[-1].snapshot_id + 1]
    assert hidden, "no read overlapped the build's unpublished commits"
    assert _published_view(lake)[0] == after[-1].snapshot_id


def test_a_failed_audit_leaves_the_published_snapshot(lake_build) -> None:
    env, _, lake = lake_build
    before = lake.publications()
    con = lake.connect()
    try:  # a duplicate calendar day: dim_date's contract (date_key unique) fails
        con.execute("insert into marts.dim_date select * from marts.dim_date limit 1")
    finally:
        con.close()
    seen_before = _published_view(lake)
    proc = _cli(env, "daily", "--target", "lake", "--", "--select", "fct_orders")
    out = proc.stdout + proc.stderr
    try:
        assert proc.returncode == 1, out[-4000:]
        assert "data contract check(s) failed" in proc.stderr and "dim_date" in out, out[-4000:]
        assert "the lake's publication was NOT changed" in proc.stderr, proc.stderr[-2000:]
        assert lake.publications() == before
        assert _published_view(lake) == seen_before
        assert lake.head_snapshot() > before[-1].snapshot_id + 1  # the failed build's commits exist, unread
    finally:  # leave the lake as the audit expects it for the next tests
        con = lake.connect()
        try:
            con.execute("""
                delete from marts.dim_date where date_key = (select min(date_key) from marts.dim_date)""")
            con.execute(
                """
                insert into marts.dim_date select * from marts.dim_date at (version => ?)
                where date_key = (select min(date_key) from marts.dim_date at (version => ?))""",
                [before[-1].snapshot_id, before[-1].snapshot_id],
            )
        finally:
            con.close()


def test_as_of_answers_on_the_snapshot_published_then(lake_build) -> None:
    env, _, lake = lake_build
    pubs = lake.publications()
    assert len(pubs) >= 2, "the daily test publishes a second snapshot"
    first, last = pubs[0], pubs[-1]
    sql = "select max(last_load_date) as through, count(*) as orders from marts.fct_orders"
    by_snapshot = _cli(env, "as-of", str(first.snapshot_id), sql)
    assert by_snapshot.returncode == 0, by_snapshot.stderr
    assert (
        first.built_through.isoformat() in by_snapshot.stdout and f"snapshot {first.snapshot_id}," in by_snapshot.stdout
    )
    between = first.published_at + (pubs[1].published_at - first.published_at) / 2  # before the second publish
    by_time = _cli(env, "as-of", between.isoformat(), sql)
    assert by_time.returncode == 0 and first.built_through.isoformat() in by_time.stdout, by_time.stdout
    now = _cli(env, "as-of", last.published_at.isoformat(), sql)
    assert now.returncode == 0 and last.built_through.isoformat() in now.stdout, now.stdout + now.stderr
    never = _cli(env, "as-of", "1990-01-01")
    assert never.returncode == 2 and never.stderr.startswith("error: nothing published in the lake by 1990-01-01")
    unknown = _cli(env, "as-of", str(lake.head_snapshot()))
    assert unknown.returncode == 2 and "was never published" in unknown.stderr


def test_export_writes_every_mart_table_as_parquet_with_a_manifest(lake_build, tmp_path) -> None:
    env, _, lake = lake_build
    proc = _cli(env, "lake", "export", "--dest", str(tmp_path / "export"))
    assert proc.returncode == 0, proc.stderr
    manifest = json.loads((tmp_path / "export" / "manifest.json").read_text())
    assert manifest["snapshot_id"] == lake.publications()[-1].snapshot_id
    con = lake.open_published()
    try:
        tables = {
            f"{s}.{t}": con.execute(f'select count(*) from "{s}"."{t}"').fetchone()[0]
            for s, t in con.execute(
                "select table_schema, table_name from information_schema.tables where table_catalog = 'lake' "
                "and table_type = 'BASE TABLE' and table_schema in ('marts', 'marts_snowflake')"
            ).fetchall()
        }
        revenue = con.execute("select sum(total_price) from marts.fct_orders").fetchone()[0]
    finally:
        con.close()
    assert {t["table"]: t["rows"] for t in manifest["tables"]} == tables
    exported = tmp_path / "export" / next(t["path"] for t in manifest["tables"] if t["table"] == "marts.fct_orders")
    assert duckdb.sql(f"select sum(total_price) from read_parquet('{exported}')").fetchone()[0] == revenue


def test_maintenance_merges_files_and_expires_snapshots_readers_keep_theirs(lake_build) -> None:
    env, _, lake = lake_build
    seen_before = _published_view(lake)
    pubs = lake.publications()
    proc = _cli(env, "lake", "maintain", "--keep-days", "0")
    assert proc.returncode == 0, proc.stderr
    figures = proc.stdout.strip().splitlines()[-1]
    before_snaps, after_snaps = (
        int(n.replace(",", "")) for n in figures.split("snapshots ")[1].split(" (")[0].split(" -> ")
    )
    before_files, after_files = (
        int(n.replace(",", "")) for n in figures.split("data files ")[1].split(";")[0].split(" -> ")
    )
    assert after_snaps < before_snaps and after_files <= before_files, figures
    assert _published_view(lake) == seen_before  # readers read what they read before
    # Retention 0 days: only the newest publication can be travelled to; older ones say so.
    old = _cli(env, "as-of", str(pubs[0].snapshot_id))
    assert old.returncode == 2 and old.stderr.startswith("error: cannot open the lake"), old.stderr
    again = _cli(env, "lake", "maintain", "--keep-days", "0")  # idempotent: nothing left to do
    assert again.returncode == 0 and " (0 expired)" in again.stdout, again.stdout
