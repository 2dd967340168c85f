"""The raw-zone generator: layout, manifest, idempotent re-landing and clear errors."""

from __future__ import annotations

import datetime as dt
import errno
import json
import subprocess
import sys
from collections import namedtuple
from pathlib import Path

import duckdb
import pytest

from warehouse import raw_zone
from warehouse.raw_zone import TPCH_TABLES, RawZoneError, land_tpch

DAY = dt.date(2026, 1, 15)
SF = 0.001  # lineitem about 6,000 rows: fast, and still every table


@pytest.fixture(scope="module")
def landed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, raw_zone.Manifest]:
    raw_dir = tmp_path_factory.mktemp("raw")
    manifest = land_tpch(SF, raw_dir, DAY, progress=lambda _: None)
    return raw_dir, manifest


def _rows(raw_dir: Path, table: str) -> int:
    glob = raw_dir / "tpch" / table / "*" / "*.parquet"
    return duckdb.sql(f"select count(*) from read_parquet('{glob}')").fetchone()[0]


def test_landing_writes_one_hive_partition_per_table(landed):
    raw_dir, manifest = landed
    for table in TPCH_TABLES:
        parts = sorted((raw_dir / "tpch" / table).iterdir())
        assert [p.name for p in parts] == [f"load_date={DAY.isoformat()}"]
        assert [f.name for f in parts[0].iterdir()] == ["part-0.parquet"]
        assert _rows(raw_dir, table) == manifest.tables[table].rows > 0


def test_landed_columns_keep_source_names_plus_loaded_at(landed):
    raw_dir, _ = landed
    path = raw_dir / "tpch" / "lineitem" / f"load_date={DAY}" / "part-0.parquet"
    columns = [
        r[0] for r in duckdb.sql(f"describe select * from read_parquet('{path}', hive_partitioning = false)").fetchall()
    ]
    assert columns[:6] == ["l_orderkey", "l_partkey", "l_suppkey", "l_linenumber", "l_quantity", "l_extendedprice"]
    assert columns[-1] == "_loaded_at"
    assert "l_shipdate" in columns and "l_comment" in columns


def test_row_counts_follow_the_tpch_scale_factor(landed):
    _, manifest = landed
    assert manifest.tables["nation"].rows == 25
    assert manifest.tables["region"].rows == 5
    assert manifest.tables["orders"].rows == int(1_500_000 * SF)
    assert manifest.tables["customer"].rows == int(150_000 * SF)
    # 1 to 7 lines per order, about 4 on average
    assert 3.5 < manifest.tables["lineitem"].rows / manifest.tables["orders"].rows < 4.5


def test_manifest_records_scale_factor_date_and_counts(landed):
    raw_dir, manifest = landed
    on_disk = json.loads((raw_dir / "tpch" / "_manifest.json").read_text())
    assert on_disk["scale_factor"] == SF
    assert on_disk["load_date"] == DAY.isoformat()
    assert dt.datetime.fromisoformat(on_disk["loaded_at"])
    assert set(on_disk["tables"]) == set(TPCH_TABLES)
    assert on_disk["tables"]["orders"]["rows"] == manifest.tables["orders"].rows


def test_relanding_the_same_date_replaces_the_partition_never_duplicates(tmp_path):
    first = land_tpch(SF, tmp_path, DAY, progress=lambda _: None)
    second = land_tpch(SF, tmp_path, DAY, progress=lambda _: None)
    for table in TPCH_TABLES:
        assert _rows(tmp_path, table) == first.tables[table].rows == second.tables[table].rows
    assert not list(tmp_path.glob(".landing-*")), "temporary landing folder left behind"


def test_another_load_date_is_refused_without_replace(tmp_path):
    land_tpch(SF, tmp_path, DAY, progress=lambda _: None)
    with pytest.raises(RawZoneError, match="already holds a TPC-H base extract.*--replace"):
        land_tpch(SF, tmp_path, DAY + dt.timedelta(days=1), progress=lambda _: None)
    land_tpch(SF, tmp_path, DAY + dt.timedelta(days=1), replace=True, progress=lambda _: None)
    assert raw_zone.existing_load_dates(tmp_path) == {(DAY + dt.timedelta(days=1)).isoformat()}


@pytest.mark.parametrize("bad", ["-1", "0", "abc", "", "5000", "nan"])
def test_bad_scale_factor_is_a_clear_error(tmp_path, bad):
    with pytest.raises(RawZoneError, match="scale factor must"):
        land_tpch(bad, tmp_path, DAY, progress=lambda _: None)
    assert not (tmp_path / "tpch").exists()


def test_too_little_free_disk_is_refused_before_writing(tmp_path, monkeypatch):
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(raw_zone.shutil, "disk_usage", lambda _: usage(10**9, 10**9, 10 * 1024**2))
    with pytest.raises(RawZoneError, match="not enough disk space.*needs about"):
        land_tpch(1, tmp_path, DAY, progress=lambda _: None)
    assert not (tmp_path / "tpch").exists()


def test_disk_full_while_writing_is_a_clear_error_and_leaves_nothing(tmp_path, monkeypatch):
    def full_disk(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(raw_zone, "_run_tpchgen", full_disk)
    with pytest.raises(RawZoneError, match="disk full"):
        land_tpch(SF, tmp_path, DAY, progress=lambda _: None)
    assert not list(tmp_path.glob(".landing-*"))
    assert raw_zone.existing_load_dates(tmp_path) == set()


def test_cli_reports_errors_on_stderr_with_exit_code_2(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "warehouse", "generate", "--sf", "-3", "--raw-dir", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("error: scale factor must be between")


def test_dbgen_lands_the_same_tables_types_and_keys_as_tpchgen(landed, tmp_path):
    """The two generators are interchangeable for everything downstream: same columns and
    types (dbgen's cast to tpchgen's), same row counts and the same keys, numbers and dates;
    only the free text (addresses, comments) differs."""
    raw_dir, manifest = landed
    dbgen_dir = tmp_path / "raw"
    dbgen = land_tpch(SF, dbgen_dir, DAY, generator="dbgen", progress=lambda _: None)
    assert dbgen.generator.startswith("duckdb dbgen") and raw_zone.generator_of(dbgen) == "dbgen"
    assert raw_zone.generator_of(manifest) == "tpchgen"
    for table in TPCH_TABLES:
        assert dbgen.tables[table].rows == manifest.tables[table].rows, table
        a, b = (f"read_parquet('{d}/tpch/{table}/*/*.parquet')" for d in (raw_dir, dbgen_dir))
        schema_a, schema_b = (duckdb.sql(f"describe select * from {x}").fetchall() for x in (a, b))
        assert schema_a == schema_b, table
    same = "l_orderkey, l_partkey, l_suppkey, l_linenumber, l_quantity, l_extendedprice, l_discount, l_shipdate"
    differing = duckdb.sql(
        f"select count(*) from (select {same} from read_parquet('{raw_dir}/tpch/lineitem/*/*.parquet') "
        f"except select {same} from read_parquet('{dbgen_dir}/tpch/lineitem/*/*.parquet'))"
    ).fetchone()[0]
    assert differing == 0


def test_an_unknown_generator_is_refused_before_anything_is_written(tmp_path):
    with pytest.raises(RawZoneError, match="unknown TPC-H generator 'qgen': expected one of tpchgen, dbgen"):
        land_tpch(SF, tmp_path / "raw", DAY, generator="qgen", progress=lambda _: None)
    assert not (tmp_path / "raw").exists()
