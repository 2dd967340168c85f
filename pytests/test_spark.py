"""The same project on a Spark cluster (``make test-spark``; skipped in ``make test``, see the
README's "Running on PostgreSQL or Spark"): a standalone master, 2 workers and the Thrift
Server started by this module (127.0.0.1, free ports, state in a temporary folder), the
project built into it from copies of the test warehouse's raw zone (SF 0.01, 2 simulated
days) by ``python -m warehouse build --target spark``, every dbt test passing there, then
compared with the DuckDB test warehouse by ``python -m warehouse compare-engines --engine
spark``: every mart relation (rows, per-column checksums, money sums) and the 22 TPC-H
answers must agree. The type 2 dimensions on Spark come from the project's snapshot
materialization for Parquet (macros/spark), so their equality with DuckDB's dbt snapshots is
part of the comparison.

Also: registering the raw zone is idempotent and picks up a partition landed since.
"""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest

from pytests.conftest import REPO_ROOT, assert_engines_agree, engine_build, engine_build_env

pytestmark = pytest.mark.skipif(
    os.environ.get("WAREHOUSE_TEST_SPARK") != "1",
    reason="the Spark cluster tests run in `make test-spark` (WAREHOUSE_TEST_SPARK=1)",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def spark_build(tmp_path_factory: pytest.TempPathFactory, built_warehouse: Path):
    """A Spark cluster of its own, with the project built into it; yields (environment,
    build output). Stops the cluster (by its recorded PIDs) afterwards."""
    root = tmp_path_factory.mktemp("spark")
    ports = ("WAREHOUSE_SPARK_MASTER_PORT", "WAREHOUSE_SPARK_MASTER_UI_PORT", "WAREHOUSE_SPARK_THRIFT_PORT")
    env = engine_build_env(root, built_warehouse, {name: _free_port() for name in ports})
    env["WAREHOUSE_SPARK_VENV"] = str(REPO_ROOT / ".venv-spark")
    with engine_build(env, "spark", timeout_s=3600) as build:
        yield env, build


def test_spark_build_passes_every_test(spark_build) -> None:
    _, build = spark_build
    assert build.returncode == 0, build.stdout[-6000:] + build.stderr[-3000:]
    assert "ERROR=0" in build.stdout and "FAIL " not in build.stdout
    assert "dbt build --target spark" in build.stdout
    # The vault's type 2 customer dimension equals the snapshot-based one on Spark too.
    assert "PASS assert_dim_customer_from_vault_equals_snapshot_dim" in build.stdout


def test_duckdb_and_spark_agree_on_every_mart_and_tpch_answer(spark_build) -> None:
    env, build = spark_build
    assert build.returncode == 0, build.stderr[-3000:]
    assert_engines_agree(env, "spark")


def test_raw_zone_registration_is_idempotent_and_finds_new_partitions(spark_build) -> None:
    env, build = spark_build
    assert build.returncode == 0, build.stderr[-3000:]
    from warehouse.engines import SparkEngine
    from warehouse.raw_load import register_spark
    from warehouse.services import SparkService

    service = SparkService(
        root=Path(env["WAREHOUSE_SERVICES_DIR"]) / "spark", thrift_port=int(env["WAREHOUSE_SPARK_THRIFT_PORT"])
    )
    engine = SparkEngine(service)
    raw = Path(env["WAREHOUSE_RAW_DIR"])
    first = register_spark(raw, service.host, service.thrift_port)
    again = register_spark(raw, service.host, service.thrift_port)
    assert (again.tables, again.partitions) == (first.tables, first.partitions) and first.tables == 14, again
    count = "select count(*) from raw_cdc.orders"
    before = int(engine.query(count)[0][0])
    # A partition landed since (a copy of the last day's orders under a new load date):
    # registered by the next call, its lines read through the raw_cdc view.
    (last,) = sorted(raw.glob("cdc/orders/load_date=*"))[-1:]
    extra = last.with_name("load_date=2099-01-01")
    shutil.copytree(last, extra)
    try:
        grown = register_spark(raw, service.host, service.thrift_port)
        assert grown.partitions == first.partitions + 1, grown
        lines = sum(len(f.read_text().splitlines()) for f in extra.glob("*.ndjson"))
        assert lines > 0
        assert int(engine.query(count)[0][0]) == before + lines
    finally:
        shutil.rmtree(extra)
        register_spark(raw, service.host, service.thrift_port)
    assert int(engine.query(count)[0][0]) == before
