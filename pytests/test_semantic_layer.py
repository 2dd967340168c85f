"""The MetricFlow semantic layer (models/semantic/): `mf query` on the serving warehouse
(dbt target `serving`, read-only) gives the marts' figures, to the cent."""

from __future__ import annotations

import csv
import os
import subprocess
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from conftest import VENV_BIN, copy_project

CENT = Decimal("0.0001")


def _env(serving: Path, project: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DBT_TARGET": "serving",
        "WAREHOUSE_SERVING_PATH": str(serving),
        "DBT_PROFILES_DIR": str(project),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project: mf reads <project>/target/semantic_manifest.json, and the
    repository's target/ stays the make-test build's."""
    return copy_project(tmp_path_factory.mktemp("semantic") / "project")


@pytest.fixture(scope="module")
def serving_warehouse(built_warehouse: Path, project: Path) -> Path:
    """The serving warehouse, with target/semantic_manifest.json parsed for it (as the README says)."""
    serving = built_warehouse.parent / "serving" / "warehouse.duckdb"
    proc = subprocess.run(
        [str(VENV_BIN / "dbt"), "parse", "--quiet"],
        cwd=project,
        env=_env(serving, project),
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout[-3000:]
    return serving


def mf_query(serving: Path, tmp_path: Path, project: Path, *args: str) -> list[dict]:
    """Run ``mf query <args>`` in ``project`` against the serving warehouse; return the CSV rows."""
    out = tmp_path / f"mf_{len(list(tmp_path.iterdir()))}.csv"
    proc = subprocess.run(
        [str(VENV_BIN / "mf"), "query", *args, "--csv", str(out)],
        cwd=project,
        env=_env(serving, project),
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0 and out.exists(), proc.stdout[-3000:] + proc.stderr[-3000:]
    with open(out, newline="") as fh:
        return list(csv.DictReader(fh))


def _direct(serving: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(serving), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_net_revenue_by_month_equals_the_mart(serving_warehouse, project, tmp_path):
    rows = mf_query(
        serving_warehouse, tmp_path, project, "--metrics", "net_revenue", "--group-by", "metric_time__month"
    )
    semantic = {r["metric_time__month"][:10]: Decimal(r["net_revenue"]).quantize(CENT) for r in rows}
    mart = {
        str(month): Decimal(value).quantize(CENT)
        for month, value in _direct(
            serving_warehouse,
            """
        select cast(date_trunc('month', order_date) as date), sum(net_revenue)
        from marts.mv_daily_revenue group by 1""",
        )
    }
    assert len(mart) > 70  # 1992-01 .. 1998-08
    assert semantic == mart
    # and the star schema's own order fact, orders not deleted
    fact = {
        str(month): Decimal(value).quantize(CENT)
        for month, value in _direct(
            serving_warehouse,
            """
        select cast(date_trunc('month', order_date) as date), sum(net_amount)
        from marts.fct_orders where not is_deleted group by 1""",
        )
    }
    assert semantic == fact


def test_supply_value_and_available_quantity_equal_the_part_supplier_fact(serving_warehouse, project, tmp_path):
    (row,) = mf_query(serving_warehouse, tmp_path, project, "--metrics", "supply_value,available_quantity")
    ((value, quantity, offers),) = _direct(
        serving_warehouse,
        "select sum(supply_cost * available_quantity), sum(available_quantity), count(*) "
        "from marts.fct_part_supplier where is_current",
    )
    assert offers > 1000  # 4 offers per part: about 8,000 at SF 0.01
    assert Decimal(row["supply_value"]).quantize(CENT) == Decimal(value).quantize(CENT)
    assert int(Decimal(row["available_quantity"])) == quantity


def test_profit_by_year_equals_the_lines_costed_with_their_offers(serving_warehouse, project, tmp_path):
    """profit = net_revenue - supply_cost (TPC-H Q9's measure), against the lines costed here
    independently: each line joined to the offer version valid at its order date."""
    rows = mf_query(
        serving_warehouse, tmp_path, project, "--metrics", "profit,supply_cost", "--group-by", "metric_time__year"
    )
    semantic = {
        r["metric_time__year"][:4]: (Decimal(r["profit"]).quantize(CENT), Decimal(r["supply_cost"]).quantize(CENT))
        for r in rows
    }
    direct = _direct(
        serving_warehouse,
        """
        select cast(year(o.order_date) as varchar),
               sum(l.net_amount - offer.supply_cost * l.quantity), sum(offer.supply_cost * l.quantity)
        from marts.fct_order_lines as l
        inner join marts.fct_orders as o on l.order_id = o.order_id
        inner join marts.dim_part as p on l.part_key = p.part_key
        inner join marts.dim_supplier as s on l.supplier_key = s.supplier_key
        inner join marts.fct_part_supplier as offer
            on offer.part_id = p.part_id and offer.supplier_id = s.supplier_id
            and cast(o.order_date as timestamp) >= offer.valid_from and cast(o.order_date as timestamp) < offer.valid_to
        where not o.is_deleted
        group by 1""",
    )
    assert len(direct) == 7  # 1992 .. 1998
    assert semantic == {y: (Decimal(p).quantize(CENT), Decimal(c).quantize(CENT)) for y, p, c in direct}
    assert all(p > 0 for p, _ in semantic.values())


def test_discount_rate_and_late_delivery_share_by_year_equal_the_facts(serving_warehouse, project, tmp_path):
    rows = mf_query(
        serving_warehouse,
        tmp_path,
        project,
        "--metrics",
        "discount_rate,late_delivery_share,order_count",
        "--group-by",
        "metric_time__year",
    )
    semantic = {
        r["metric_time__year"][:4]: (
            round(float(r["discount_rate"]), 9),
            round(float(r["late_delivery_share"]), 9),
            int(r["order_count"]),
        )
        for r in rows
    }
    direct = _direct(
        serving_warehouse,
        """
        with lines as (
            select year(d.full_date) as y, sum(l.discount_amount) / sum(l.extended_price) as discount_rate
            from marts.fct_order_lines as l join marts.dim_date as d on l.order_date_key = d.date_key
            where not l.is_deleted group by 1),
        fulfilment as (
            select year(order_date) as y,
                   count(*) filter (where is_delivered_late) / count(*) as late_share
            from marts.fct_order_fulfillment
            where not is_deleted and last_receipt_date is not null group by 1),
        orders as (select year(order_date) as y, count(*) as n from marts.fct_orders where not is_deleted group by 1)
        select cast(y as varchar), discount_rate, late_share, n
        from lines join fulfilment using (y) join orders using (y)""",
    )
    assert len(direct) == 7  # 1992 .. 1998
    assert semantic == {y: (round(float(d), 9), round(float(s), 9), n) for y, d, s, n in direct}


@pytest.mark.parametrize("saved_query", ["revenue_by_month", "revenue_by_region_and_year", "late_delivery_by_month"])
def test_saved_queries_run(serving_warehouse, project, tmp_path, saved_query):
    rows = mf_query(serving_warehouse, tmp_path, project, "--saved-query", saved_query)
    assert len(rows) >= 7 and all(r for r in rows)
