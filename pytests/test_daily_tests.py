"""Which checks run when: the daily run's tests read only what the day can have changed
(macro window_test_predicate), and still catch a corruption of the day's rows.

`make build` and `make test` run every test on every row; `python -m warehouse daily` sets
the dbt var ``test_window_from_load_date`` so that the row and key tests of incremental
models read the rows loaded since the day (less the lookback) and every row sharing a key
with them.
"""

from __future__ import annotations

import re
import subprocess

import duckdb

from conftest import build_command, file_digest


def _daily(project, *args: str) -> subprocess.CompletedProcess:
    cmd, env = build_command(project)
    return subprocess.run(
        [cmd[0], "-m", "warehouse", "daily", *args], cwd=project, env=env, capture_output=True, text=True
    )


def test_the_daily_run_catches_a_corruption_of_the_days_rows(build_copy):
    serving_before = file_digest(build_copy / "data/warehouse.duckdb")
    con = duckdb.connect(str(build_copy / "data/build/warehouse.duckdb"))
    last_day, base_order, other_order = con.execute("""
        select
            (select max(last_load_date) from intermediate.int_orders_current),
            min(order_id),
            max(order_id)
        from intermediate.int_orders_current
        where last_load_date is null and not is_deleted
    """).fetchone()
    # Written "on the day" (inside the window): a second row for an old order key, which only
    # the key window sees as a duplicate (the old row is outside the row window), and a row
    # without its updated_at.
    con.execute(
        "insert into intermediate.int_orders_current "
        f"select * replace (date '{last_day}' as last_load_date) "
        f"from intermediate.int_orders_current where order_id = {base_order}"
    )
    con.execute(
        f"update intermediate.int_orders_current set updated_at = null, last_load_date = date '{last_day}' "
        f"where order_id = {other_order}"
    )
    # Outside the window: the same fault on an old row, which the daily tests do not read.
    _blank_an_old_updated_at(con)
    con.close()

    proc = _daily(build_copy)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out[-3000:]
    assert "tests windowed on the rows loaded since" in out
    assert re.search(r"Failure in test unique_int_orders_current_order_id .*\n.*Got 1 result", out), out[-4000:]
    # one NULL, not two: the window holds the day's row, not the old one
    assert re.search(r"Failure in test not_null_int_orders_current_updated_at .*\n.*Got 1 result", out), out[-4000:]
    assert "the serving warehouse was NOT updated" in out
    assert file_digest(build_copy / "data/warehouse.duckdb") == serving_before


def _blank_an_old_updated_at(con: duckdb.DuckDBPyConnection) -> None:
    """NULL updated_at on one row of the base extract (the second-lowest order id: the test
    above duplicates the lowest)."""
    con.execute(
        "update intermediate.int_orders_current set updated_at = null where order_id = "
        "(select order_id from intermediate.int_orders_current where last_load_date is null "
        "order by order_id limit 1 offset 1)"
    )


def test_full_test_reads_the_old_rows_the_window_leaves_out(build_copy):
    con = duckdb.connect(str(build_copy / "data/build/warehouse.duckdb"))
    _blank_an_old_updated_at(con)
    con.close()
    proc = _daily(build_copy, "--full-test")
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "--full-test: every test and the contract audit read every row" in out, out[-3000:]
    assert re.search(r"Failure in test not_null_int_orders_current_updated_at .*\n.*Got 1 result", out), out[-4000:]
