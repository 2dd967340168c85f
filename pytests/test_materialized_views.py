"""The materialized_view materialization on the make-test warehouse (SF 0.01, 2 days).

The make-test build replays the raw zone day by day, so every materialized view was built
whole on the base day and refreshed incrementally on each CDC day; the dbt tests
``assert_<view>_equals_recomputation`` already compare each view with its query after every
day. Here: the last refresh recomputed exactly the groups the new source rows touched (as
computed independently from the facts), and a changed definition forces a full recompute.
"""

from __future__ import annotations

import shutil

import duckdb
import pytest

from conftest import REPO_ROOT, run_dbt

# view -> (refresh key column, SQL for the touched keys given {since}: the watermark minus lookback)
TOUCHED = {
    "mv_daily_revenue": (
        "order_date_key",
        "select distinct order_date_key from marts.fct_orders where last_load_date > {since}",
    ),
    "mv_monthly_revenue_by_region_brand": (
        "order_month_key",
        "select distinct cast(floor(order_date_key / 100.0) as bigint) from marts.fct_order_lines "
        "where last_load_date > {since}",
    ),
    "mv_customer_lifetime_value": (
        "customer_id",
        "select distinct c.customer_id from marts.fct_orders as o "
        "join marts.dim_customer as c on o.customer_key = c.customer_key where o.last_load_date > {since}",
    ),
    "mv_supplier_performance": (
        "ship_month_key",
        "select distinct cast(floor(ship_date_key / 100.0) as bigint) from marts.fct_order_lines "
        "where last_load_date > {since}",
    ),
}
LOOKBACK_DAYS = 2  # var cdc_lookback_days


def _refreshes(con: duckdb.DuckDBPyConnection, view: str) -> list[dict]:
    rows = con.execute(
        "select refresh_kind, reason, watermark, groups_refreshed, rows_written "
        "from warehouse_meta.materialized_view_state where relation_name like ? order by refreshed_at",
        [f'%"{view}"'],
    ).fetchall()
    return [dict(zip(("kind", "reason", "watermark", "groups", "rows"), r, strict=True)) for r in rows]


@pytest.mark.parametrize("view", sorted(TOUCHED))
def test_a_daily_refresh_recomputes_only_the_touched_groups(built_warehouse, view):
    key, touched_sql = TOUCHED[view]
    con = duckdb.connect(str(built_warehouse), read_only=True)
    try:
        log = _refreshes(con, view)
        assert log[0]["kind"] == "full" and log[0]["reason"] == "first build", log
        last, previous = log[-1], log[-2]
        assert last["kind"] == "incremental", log
        since = (
            f"cast('{previous['watermark']}' as date) - interval {LOOKBACK_DAYS} day"
            if previous["watermark"] is not None
            else "cast('1900-01-01' as date)"
        )
        expected = {r[0] for r in con.execute(touched_sql.format(since=since)).fetchall()}
        total = con.execute(f"select count(distinct {key}) from marts.{view}").fetchone()[0]
        rows_in_touched = con.execute(
            f"select count(*) from marts.{view} where {key} in ({touched_sql.format(since=since)})"
        ).fetchone()[0]
    finally:
        con.close()
    assert expected, "the last simulated day touched nothing: the test would prove nothing"
    assert last["groups"] == len(expected)
    assert last["rows"] == rows_in_touched
    assert len(expected) < total, f"{view}: every group was touched, so 'incremental' was a full recompute"


def test_changing_a_views_sql_triggers_a_full_recompute(
    built_warehouse, raw_dir_of_built_warehouse, project_copy, tmp_path
):
    db = tmp_path / "copy" / built_warehouse.name  # same file name: the catalog is named after it
    db.parent.mkdir()
    shutil.copy(built_warehouse, db)
    env = {"WAREHOUSE_RAW_DIR": str(raw_dir_of_built_warehouse), "WAREHOUSE_DB_PATH": str(db)}
    args = [
        "build",
        "-s",
        "mv_daily_revenue",
        "assert_mv_daily_revenue_equals_recomputation",
        "--target-path",
        str(tmp_path / "target"),
    ]

    result = run_dbt(args, project_copy, env)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "incremental refresh" in result.stdout

    queries = project_copy / "models" / "marts" / "materialized_views" / "mv_daily_revenue.sql"
    text = queries.read_text()
    assert "count(*) as order_count" in text
    queries.write_text(text.replace("count(*) as order_count", "count(orders.order_id) as order_count", 1))
    result = run_dbt(args, project_copy, env)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "full refresh (definition changed)" in result.stdout

    con = duckdb.connect(str(db), read_only=True)
    try:
        last = _refreshes(con, "mv_daily_revenue")[-1]
        total = con.execute("select count(*) from marts.mv_daily_revenue").fetchone()[0]
    finally:
        con.close()
    assert (last["kind"], last["reason"]) == ("full", "definition changed")
    assert last["groups"] == last["rows"] == total

    # When more than the configured share of groups is touched, a full recompute is cheaper.
    result = run_dbt([*args, "--vars", '{"materialized_view_full_refresh_share": 0}'], project_copy, env)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "full refresh (most groups touched (" in result.stdout


def test_a_row_moved_to_another_group_refreshes_its_old_and_new_group(
    built_warehouse, raw_dir_of_built_warehouse, tmp_path
):
    """A corrected source row can change its group (an order re-dated or moved to another
    customer, a line re-dated), and a row can leave the source: the incremental refresh must
    recompute the group the row left as well as the one it joined, or the old group keeps the
    row's amounts."""
    db = tmp_path / "copy" / built_warehouse.name
    db.parent.mkdir()
    shutil.copy(built_warehouse, db)
    con = duckdb.connect(str(db))
    try:
        watermark = con.execute("select max(last_load_date) from marts.fct_orders").fetchone()[0]
        # The order moves 40 days later and to another customer; the line 3 months later.
        order_id, old_date, old_customer = con.execute(
            "select order_id, order_date_key, customer_key from marts.fct_orders "
            "where not is_deleted order by order_id limit 1"
        ).fetchone()
        new_date, new_customer = con.execute(
            "select (select date_key from marts.dim_date where full_date = "
            "(select full_date from marts.dim_date where date_key = ?) + 40), "
            "(select max(customer_key) from marts.fct_orders where customer_key <> ?)",
            [old_date, old_customer],
        ).fetchone()
        con.execute(
            "update marts.fct_orders set order_date_key = ?, customer_key = ?, last_load_date = ? where order_id = ?",
            [new_date, new_customer, watermark, order_id],
        )
        # Another order and another line leave their facts altogether (a purge upstream).
        con.execute(
            "delete from marts.fct_orders where order_id = "
            "(select min(order_id) from marts.fct_orders where order_id > ?)",
            [order_id],
        )
        con.execute(
            "delete from marts.fct_order_lines where order_id = (select max(order_id) from marts.fct_order_lines)"
        )
        line = con.execute(
            "select order_id, line_number, order_date_key, ship_date_key from marts.fct_order_lines "
            "where not is_deleted order by order_date_key, order_id, line_number limit 1"
        ).fetchone()
        con.execute(
            "update marts.fct_order_lines set last_load_date = ?, "
            "order_date_key = (select date_key from marts.dim_date where full_date = "
            "  (select full_date from marts.dim_date where date_key = order_date_key) + 92), "
            "ship_date_key = (select date_key from marts.dim_date where full_date = "
            "  (select full_date from marts.dim_date where date_key = ship_date_key) + 92) "
            "where order_id = ? and line_number = ?",
            [watermark, line[0], line[1]],
        )
    finally:
        con.close()
    assert new_date is not None and new_customer is not None

    env = {"WAREHOUSE_RAW_DIR": str(raw_dir_of_built_warehouse), "WAREHOUSE_DB_PATH": str(db)}
    views = sorted(TOUCHED)
    result = run_dbt(
        [
            "build",
            "-s",
            *views,
            *(f"assert_{v}_equals_recomputation" for v in views),
            "--target-path",
            str(tmp_path / "target"),
        ],
        REPO_ROOT,
        env,
    )
    assert result.returncode == 0, result.stdout[-4000:]
    assert result.stdout.count("incremental refresh") == len(views), result.stdout[-4000:]
