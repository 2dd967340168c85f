"""Apache Superset on the serving warehouse (warehouse.superset): a real Superset server from
its own venv answers queries on the marts exactly as DuckDB does, and its dashboard renders
in headless Chromium (screenshot docs/images/superset-dashboard.png via make docs-screenshots)."""

from __future__ import annotations

import json
import shutil
import socket
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
import yaml
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import REPO_ROOT, screenshot
from warehouse import superset


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def serving_warehouse(built_warehouse: Path) -> Path:
    return built_warehouse.parent / "serving" / "warehouse.duckdb"


@pytest.fixture(scope="module")
def superset_client(tmp_path_factory) -> superset.SupersetClient:
    """A Superset server started for this module (own metadata in a temporary home)."""
    home, port = tmp_path_factory.mktemp("superset"), _free_port()
    assert superset.init_metadata(home) is True
    assert superset.init_metadata(home) is False  # once only
    superset.start_server(home, port)
    try:
        superset.wait_until_healthy(f"http://127.0.0.1:{port}", timeout=180)
        client = superset.SupersetClient(f"http://127.0.0.1:{port}", *superset.admin_credentials(home))
        client.home = home
        yield client
    finally:
        assert superset.stop_server(home)


@pytest.fixture(scope="module")
def provisioned(superset_client, serving_warehouse) -> superset.Provisioned:
    superset.provision(superset_client, serving_warehouse)
    return superset.provision(superset_client, serving_warehouse)  # idempotent: same ids again


def _cents(value) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.0001"))


def test_a_dataset_per_mart_and_a_dashboard(provisioned, superset_client, serving_warehouse):
    assert sorted(provisioned.datasets) == superset.mart_tables(serving_warehouse)
    assert len(provisioned.datasets) >= 15
    dashboard = superset_client.request("GET", f"/api/v1/dashboard/{provisioned.dashboard_id}")["result"]
    assert dashboard["slug"] == superset.DASHBOARD_SLUG and dashboard["published"]
    charts = superset_client.request("GET", f"/api/v1/dashboard/{provisioned.dashboard_id}/charts")["result"]
    assert sorted(c["slice_name"] for c in charts) == sorted(provisioned.charts)
    database = superset_client.request("GET", f"/api/v1/database/{provisioned.database_id}/connection")["result"]
    assert database["sqlalchemy_uri"] == f"duckdb:///{serving_warehouse.resolve()}"
    assert json.loads(database["extra"])["engine_params"]["connect_args"] == superset.CONNECT_ARGS
    assert database["allow_dml"] is False


def test_the_dbt_exposure_declares_the_dashboard_and_its_marts():
    exposures = yaml.safe_load((REPO_ROOT / "models/marts/_marts__exposures.yml").read_text())["exposures"]
    (dashboard,) = [e for e in exposures if e["name"] == "superset_tpch_revenue"]
    assert dashboard["type"] == "dashboard" and dashboard["url"].endswith(f"/dashboard/{superset.DASHBOARD_SLUG}/")
    assert sorted(dashboard["depends_on"]) == sorted(f"ref('{m}')" for m in superset.CHART_MARTS.values())


def test_revenue_by_month_and_region_through_superset_equals_duckdb(provisioned, superset_client, serving_warehouse):
    rows = superset_client.chart_data(provisioned.charts[superset.REVENUE_CHART])
    through_superset = {(r["order_month_key"], r["region_name"]): _cents(r["Net revenue"]) for r in rows}
    con = duckdb.connect(str(serving_warehouse), read_only=True)
    direct = {
        (m, r): _cents(v)
        for m, r, v in con.execute(
            "select order_month_key, region_name, sum(net_revenue) from marts.mv_monthly_revenue_by_region_brand "
            "group by all"
        ).fetchall()
    }
    con.close()
    assert len(direct) > 100
    assert through_superset == direct


def test_top_customers_through_superset_equal_duckdb(provisioned, superset_client, serving_warehouse):
    chart_id = provisioned.charts[superset.TOP_CUSTOMERS_CHART]
    rows = superset_client.chart_data(chart_id)
    con = duckdb.connect(str(serving_warehouse), read_only=True)
    direct = con.execute(
        "select customer_id, sum(lifetime_net_revenue) as v from marts.mv_customer_lifetime_value "
        "group by all order by v desc, customer_id limit 10"
    ).fetchall()
    con.close()
    assert [(r["customer_id"], _cents(r["Lifetime net revenue"])) for r in rows] == [(c, _cents(v)) for c, v in direct]
    # Ranked by the SQL dataset, not cut by the chart's row limit: 10 rows of a limit of
    # 10,000, so Superset shows no "limit reached" warning on the table.
    chart = superset_client.request("GET", f"/api/v1/chart/{chart_id}")["result"]
    assert json.loads(chart["params"])["row_limit"] == superset.CHART_ROW_LIMIT > len(rows) == 10
    dataset = superset_client.find("dataset", table_name=superset.TOP_CUSTOMERS_DATASET)
    assert dataset is not None and dataset["id"] == json.loads(chart["query_context"])["datasource"]["id"]


# The bar chart drew (an ECharts canvas) and the table shows its 10 rows.
CHARTS_DRAWN = """return document.querySelectorAll('.dashboard-chart canvas').length > 0
    && document.querySelectorAll('.dashboard-chart table tbody tr').length === 10"""


def test_the_dashboard_renders_in_a_browser(provisioned, superset_client, serving_warehouse, browser):
    browser.get(f"{superset_client.base_url}/login/")
    WebDriverWait(browser, 60).until(lambda d: d.find_elements(By.ID, "username"))
    user, password = superset.admin_credentials(superset_client.home)
    browser.find_element(By.ID, "username").send_keys(user)
    browser.find_element(By.ID, "password").send_keys(password)
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(browser, 60).until(lambda d: "/login" not in d.current_url)
    browser.get(provisioned.dashboard_url)
    WebDriverWait(browser, 120).until(lambda d: d.execute_script(CHARTS_DRAWN))
    text = browser.find_element(By.TAG_NAME, "body").text
    title = browser.execute_script("return Array.from(document.querySelectorAll('input')).map(i => i.value)")
    assert superset.DASHBOARD_TITLE in title + [browser.title]
    assert all(name in text for name in provisioned.charts)
    con = duckdb.connect(str(serving_warehouse), read_only=True)
    top = con.execute(
        "select customer_id from marts.mv_customer_lifetime_value order by lifetime_net_revenue desc limit 1"
    ).fetchone()[0]
    con.close()
    first_row = browser.find_element(By.CSS_SELECTOR, ".dashboard-chart table tbody tr").text
    assert first_row.split()[0] == str(top)
    screenshot(browser, "superset-dashboard.png")


def test_superset_reads_each_new_publish_without_a_restart(
    superset_client, built_warehouse, serving_warehouse, tmp_path
):
    """Superset opens a connection per query (no pool), so a publish is visible at once."""
    from warehouse import serving

    build, target = tmp_path / "build" / "warehouse.duckdb", tmp_path / "serving" / "warehouse.duckdb"
    build.parent.mkdir()
    shutil.copyfile(built_warehouse, build)
    serving.publish(build, target)
    try:
        charts = superset.provision(superset_client, target).charts
        before = superset_client.chart_data(charts[superset.REVENUE_CHART])
        con = duckdb.connect(str(build))
        con.execute("delete from marts.mv_monthly_revenue_by_region_brand where region_name = 'ASIA'")
        con.close()
        serving.publish(build, target)
        after = superset_client.chart_data(charts[superset.REVENUE_CHART])
    finally:
        superset.provision(superset_client, serving_warehouse)  # back to the module's warehouse
    assert "ASIA" in {r["region_name"] for r in before}
    assert "ASIA" not in {r["region_name"] for r in after}

    def key(row):
        return row["order_month_key"], row["region_name"]

    assert sorted((r for r in before if r["region_name"] != "ASIA"), key=key) == sorted(after, key=key)


# What a hostile SQL Lab user may try; each must fail inside DuckDB (DML is off in Superset,
# but these are all SELECT-shaped or statements Superset passes through).
HOSTILE_SQL = {
    "select * from read_text('/etc/passwd')": "disabled by configuration",
    "select * from read_csv('/etc/passwd')": "disabled by configuration",
    "copy (select 1 as x) to '/tmp/superset-escape.csv'": "disabled by configuration",
    "attach '/tmp/superset-escape.duckdb' as escape (read_write)": "disabled by configuration",
    "set enable_external_access = true": "locked",
}


def _sql_lab(client: superset.SupersetClient, database_id: int, sql: str) -> dict:
    return client.request(
        "POST",
        "/api/v1/sqllab/execute/",
        {"database_id": database_id, "sql": sql, "schema": "marts", "runAsync": False},
    )


def test_sql_lab_reads_the_marts_and_nothing_else(provisioned, superset_client):
    """Superset's connection is read-only, without file access, its configuration locked."""
    answer = _sql_lab(superset_client, provisioned.database_id, "select count(*) as orders from marts.fct_orders")
    assert answer["data"][0]["orders"] > 0
    for sql, refusal in HOSTILE_SQL.items():
        with pytest.raises(superset.SupersetError, match=refusal):
            _sql_lab(superset_client, provisioned.database_id, sql)
    assert not Path("/tmp/superset-escape.csv").exists()


def test_pages_admit_no_outside_host(provisioned, superset_client):
    """The Content-Security-Policy admits this server only: the tracking pixel Superset's
    frontend embeds (apachesuperset.gateway.scarf.sh) and other outside hosts are never
    requested."""
    page = superset_client.session.get(provisioned.dashboard_url, timeout=60)
    policy = page.headers["Content-Security-Policy"]
    assert "scarf" not in policy and "https://" not in policy and "http://" not in policy
    assert "img-src 'self' blob: data:" in policy


def test_the_admin_password_is_generated_and_private(superset_client):
    user, password = superset.admin_credentials(superset_client.home)
    assert user == "admin" and password != "admin" and len(password) >= 20
    assert (superset_client.home / superset.ADMIN_PASSWORD_FILE).stat().st_mode & 0o777 == 0o600
    with pytest.raises(superset.SupersetError, match="login"):
        superset.SupersetClient(superset_client.base_url, "admin", "admin")
