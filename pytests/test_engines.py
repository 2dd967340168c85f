"""The same project on PostgreSQL: built from the test raw zone (SF 0.01, 2 simulated days) into a
PostgreSQL 15 server this module starts (127.0.0.1, a free port, data in a temporary folder),
then compared with the DuckDB test warehouse by ``python -m warehouse compare-engines``: every
mart relation (rows, per-column checksums, money sums) and the 22 TPC-H answers must agree.

Also: the raw-zone load into PostgreSQL is idempotent (a second load copies nothing), a
corrected partition is replaced whole, and the compiled SQL of the models on postgres holds
no DuckDB-only construct (engine-specific SQL lives in dispatched macros only).
"""

from __future__ import annotations

import re
import socket
import subprocess
from pathlib import Path

import pytest

from pytests.conftest import REPO_ROOT, VENV_BIN, assert_engines_agree, engine_build, engine_build_env

# DuckDB spellings with no PostgreSQL meaning; any of them in a model compiled for postgres
# means engine-specific SQL escaped its dispatched macro.
DUCKDB_ONLY = {
    "try_cast(": r"\btry_cast\s*\(",
    "struct literal {'k': v}": r"\{\s*'[a-z_]+'\s*:",
    "json_extract_string(": r"\bjson_extract_string\s*\(",
    "epoch_ms(": r"\bepoch_ms\s*\(",
    "read_parquet/read_text/read_json(": r"\bread_(parquet|text|json|csv)\w*\s*\(",
    "qualify": r"\bqualify\b",
    "list_/array literal [..]": r"\blist_\w+\s*\(",
    "the raw zone's path": r"/raw/(tpch|cdc)/",
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def postgres_build(tmp_path_factory: pytest.TempPathFactory, built_warehouse: Path):
    """A PostgreSQL server of its own, with the project built into it from copies of the test
    warehouse's raw zone and simulator state; yields (environment, build output). Stops the
    server (by its recorded PID) afterwards."""
    root = tmp_path_factory.mktemp("engines")
    # The server runs as the postgres system user when the tests run as root: it must be
    # able to enter the temporary folder.
    for parent in [root, *root.parents]:
        if parent == Path("/tmp") or parent == Path("/"):
            break
        parent.chmod(parent.stat().st_mode | 0o011)
    env = engine_build_env(root, built_warehouse, {"WAREHOUSE_PG_PORT": _free_port()})
    with engine_build(env, "postgres", timeout_s=1800) as build:
        yield env, build


def test_postgres_build_passes_every_test(postgres_build) -> None:
    _, build = postgres_build
    assert build.returncode == 0, build.stdout[-6000:] + build.stderr[-3000:]
    assert "ERROR=0" in build.stdout and "FAIL " not in build.stdout
    assert "dbt build --target postgres" in build.stdout


def test_duckdb_and_postgres_agree_on_every_mart_and_tpch_answer(postgres_build) -> None:
    env, build = postgres_build
    assert build.returncode == 0, build.stderr[-3000:]
    assert_engines_agree(env, "postgres")


def test_compare_engines_names_a_difference(postgres_build) -> None:
    """The comparison can fail: one changed money value in PostgreSQL is named, column and
    all, and exits 1 (restored afterwards)."""
    env, build = postgres_build
    assert build.returncode == 0, build.stderr[-3000:]
    from warehouse.engines import PostgresEngine
    from warehouse.services import PostgresService

    service = PostgresService(root=Path(env["WAREHOUSE_SERVICES_DIR"]) / "postgres", port=int(env["WAREHOUSE_PG_PORT"]))
    engine = PostgresEngine(service)
    bump = (
        "update marts.fct_orders set total_price = total_price + {d} "
        "where order_id = (select min(order_id) from marts.fct_orders)"
    )
    engine.execute(bump.format(d="0.01"))
    try:
        result = subprocess.run(
            [str(VENV_BIN / "python"), "-m", "warehouse", "compare-engines", "--no-queries"],
            cwd=REPO_ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
    finally:
        engine.execute(bump.format(d="-0.01"))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "DIFFERS marts.fct_orders.total_price: sum" in result.stdout, result.stdout


def test_raw_load_is_idempotent_and_replaces_a_corrected_partition(postgres_build) -> None:
    env, build = postgres_build
    assert build.returncode == 0, build.stderr[-3000:]
    from warehouse.engines import PostgresEngine
    from warehouse.raw_load import load_postgres
    from warehouse.services import PostgresService

    service = PostgresService(root=Path(env["WAREHOUSE_SERVICES_DIR"]) / "postgres", port=int(env["WAREHOUSE_PG_PORT"]))
    engine = PostgresEngine(service)
    raw = Path(env["WAREHOUSE_RAW_DIR"])
    again = load_postgres(raw, service.dsn(), progress=False)
    assert again.copied == 0 and again.current > 0, again
    # Correct one CDC file (drop its last line): that partition, and only it, is replaced.
    (path,) = sorted(raw.glob("cdc/orders/load_date=*/*.ndjson"))[-1:]
    lines = path.read_text().splitlines(keepends=True)
    load_date = path.parent.name.split("=", 1)[1]
    count = f"select count(*) from raw_cdc.orders where load_date = date '{load_date}'"
    before = engine.query(count)[0][0]
    original = path.read_text()
    try:
        path.write_text("".join(lines[:-1]))
        fixed = load_postgres(raw, service.dsn(), progress=False)
        assert (fixed.copied, fixed.rows) == (1, before - 1), fixed
        assert engine.query(count)[0][0] == before - 1
    finally:
        path.write_text(original)
        load_postgres(raw, service.dsn(), progress=False)
    assert engine.query(count)[0][0] == before


def test_models_compiled_for_postgres_hold_no_duckdb_only_sql(postgres_build) -> None:
    env, build = postgres_build
    assert build.returncode == 0, build.stderr[-3000:]
    compiled = Path(env["DBT_TARGET_PATH"]) / "postgres" / "compiled" / "tpch_warehouse"
    files = sorted(compiled.rglob("*.sql"))
    assert len(files) > 100, f"only {len(files)} compiled files under {compiled}"
    found = []
    for path in files:
        text = re.sub(r"--[^\n]*", "", path.read_text())  # comments may name DuckDB functions
        for label, pattern in DUCKDB_ONLY.items():
            if re.search(pattern, text, flags=re.IGNORECASE):
                found.append(f"{path.relative_to(compiled)}: {label}")
    assert not found, "DuckDB-only SQL compiled for postgres:\n" + "\n".join(found)
