"""The read-only serving path reads the warehouse and nothing else on the machine.

Every read-only access the project configures runs with DuckDB's external file access off and
its configuration locked: ``warehouse.serving.open_warehouse(read_only=True)`` (``python -m
warehouse serving``, the build's summary) and the dbt target ``serving`` (``mf query``, ``dbt
show``, ``dbt docs generate``) here; Superset's connection in test_superset.py. Each refuses
``COPY … TO``, ``read_text``/``read_csv`` of any file, ``ATTACH … (READ_WRITE)`` and ``SET
enable_external_access = true``, and still answers on every mart, because the published file
holds no view over raw files but the speed layer's (schema ``live``), which read the raw zone's
CDC folder through ``python -m warehouse live`` only and fail on every locked path.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from conftest import REPO_ROOT, private_dbt_paths, run_dbt
from warehouse import serving


@pytest.fixture(scope="module")
def serving_warehouse(built_warehouse: Path) -> Path:
    return built_warehouse.parent / "serving" / "warehouse.duckdb"


def hostile_sql(scratch: Path) -> dict[str, str]:
    """Statements a hostile reader may try, with the refusal each must meet. The test
    warehouse's raw zone lies under the repository's .tmp/, where an in-memory DuckDB
    started there would spill: that folder must not be readable either."""
    raw_file = next((REPO_ROOT / ".tmp").rglob("*.parquet"), REPO_ROOT / ".tmp" / "none.parquet")
    return {
        "select * from read_text('/etc/passwd')": "disabled by configuration",
        f"select * from read_parquet('{raw_file}')": "disabled by configuration",
        "select * from read_csv('/etc/passwd')": "disabled by configuration",
        f"copy (select 1 as x) to '{scratch / 'escape.csv'}'": "disabled by configuration",
        f"attach '{scratch / 'escape.duckdb'}' as escape (read_write)": "disabled by configuration",
        "set enable_external_access = true": "locked",
        "set lock_configuration = false": "locked",
    }


def test_the_published_warehouse_is_self_contained_and_private(serving_warehouse):
    """No view of the serving file reads raw files (so file access can be off entirely), the
    live views aside (refused here), and only its owner may open it (the marts hold personal
    data, classification restricted)."""
    con = serving.open_warehouse(serving_warehouse, read_only=True)
    try:
        views = con.execute(
            "select schema_name, view_name from duckdb_views() where not internal and database_name = 'warehouse'"
        ).fetchall()
        marts = [
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables where table_schema = 'marts'"
            ).fetchall()
        ]
        live = {tuple(v.split(".")) for v in serving.LIVE_VIEWS}
        assert live <= set(views), views
        for view in views:  # any other view left must read without file access
            if view in live:
                with pytest.raises(duckdb.PermissionException, match="disabled by configuration"):
                    con.execute(f'select * from "{view[0]}"."{view[1]}" limit 0')
            else:
                con.execute(f'select * from "{view[0]}"."{view[1]}" limit 0')
        assert all(con.execute(f'select count(*) from marts."{t}"').fetchone()[0] > 0 for t in marts)
        assert len(marts) >= 15
    finally:
        con.close()
    assert serving_warehouse.stat().st_mode & 0o777 == 0o600


def test_the_python_read_path_refuses_files(serving_warehouse, tmp_path):
    con = serving.open_warehouse(serving_warehouse, read_only=True)
    try:
        for sql, refusal in hostile_sql(tmp_path).items():
            with pytest.raises(Exception, match=refusal):
                con.execute(sql)
        assert con.execute("select count(*) from marts.fct_orders").fetchone()[0] > 0
    finally:
        con.close()
    assert list(tmp_path.iterdir()) == []


def test_the_dbt_serving_target_refuses_files(serving_warehouse, tmp_path):
    """``dbt show --target serving`` (what dbt and MetricFlow read through) is locked down
    too; ``--limit -1`` sends each statement to DuckDB as written. One artifacts folder for
    all calls, so the calls after the first parse only partially."""
    env = {**private_dbt_paths(), "DBT_TARGET": "serving", "WAREHOUSE_SERVING_PATH": str(serving_warehouse)}

    ok = run_dbt(
        [
            "show",
            "--inline",
            "select current_setting('enable_external_access') as access, "
            "current_setting('lock_configuration') as locked, "
            "(select count(*) from marts.fct_order_lines) as order_lines",
            "--output",
            "json",
            "--log-format",
            "json",
            "--quiet",
        ],
        REPO_ROOT,
        env,
    )
    assert ok.returncode == 0, ok.stdout[-3000:] + ok.stderr[-3000:]
    (shown,) = [
        json.loads(line)["data"]["preview"]
        for line in ok.stdout.splitlines()
        if line.startswith("{") and json.loads(line)["info"]["name"] == "ShowNode"
    ]
    (row,) = json.loads(shown)
    assert (row["access"], row["locked"]) == (False, True) and row["order_lines"] > 0
    for sql, refusal in hostile_sql(tmp_path).items():
        refused = run_dbt(["show", "--limit", "-1", "--inline", sql], REPO_ROOT, env)
        assert refused.returncode != 0, sql
        assert refusal in refused.stdout + refused.stderr, (sql, refused.stdout[-2000:])
    assert list(tmp_path.iterdir()) == []
