"""Provision Apache Superset on the serving warehouse through Superset's REST API.

``make superset`` starts Superset (its own venv, ``.venv-superset``) on 127.0.0.1 and then
calls :func:`provision`, which is idempotent (find by name, then create or update):

- database ``tpch_warehouse``: the serving warehouse through duckdb-engine, opened
  read-only (``connect_args.read_only``), so Superset never blocks a build; Superset's
  analytics connections are not pooled, so each query opens the newest published file;
- one dataset per table in schema ``marts``;
- two charts, net revenue by order month and customer region (from
  ``mv_monthly_revenue_by_region_brand``) and the top 10 customers by lifetime net revenue
  (from ``mv_customer_lifetime_value``), on the dashboard ``TPC-H revenue``
  (slug ``tpch-revenue``), declared as a dbt exposure in ``models/marts/_marts__exposures.yml``.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import requests

DATABASE_NAME = "tpch_warehouse"
DASHBOARD_SLUG = "tpch-revenue"
DASHBOARD_TITLE = "TPC-H revenue"
REVENUE_CHART = "Net revenue by order month and region"
TOP_CUSTOMERS_CHART = "Top 10 customers by lifetime net revenue"
# The mart each chart reads: the dbt exposure superset_tpch_revenue declares the same.
CHART_MARTS = {REVENUE_CHART: "mv_monthly_revenue_by_region_brand", TOP_CUSTOMERS_CHART: "mv_customer_lifetime_value"}
# The top 10 is ranked in a virtual (SQL) dataset, ties broken by customer_id, rather than by
# the chart's row limit: a chart that returns exactly its row limit shows Superset's "limit
# reached" warning, which on a top-10-by-design table would say rows were cut off.
TOP_CUSTOMERS_DATASET = "top_10_customers_by_lifetime_net_revenue"
TOP_CUSTOMERS_SQL = (
    "select customer_id, lifetime_net_revenue from marts.mv_customer_lifetime_value "
    "order by lifetime_net_revenue desc, customer_id limit 10"
)
CHART_ROW_LIMIT = 10000


REPO_ROOT = Path(__file__).resolve().parents[1]
CONFIG_PATH = REPO_ROOT / "bi" / "superset" / "superset_config.py"
DEFAULT_VENV = REPO_ROOT / ".venv-superset"
ADMIN_USER = "admin"
ADMIN_PASSWORD_FILE = "admin_password"  # in Superset's home, mode 0600, never in the repo


# How Superset opens the serving warehouse (duckdb-engine passes them to duckdb.connect):
# read-only, no file or network access, configuration locked (warehouse.serving.lock_down
# explains each). SQL Lab users can then read the marts and nothing else on the machine.
CONNECT_ARGS = {"read_only": True, "config": {"enable_external_access": False, "lock_configuration": True}}


class SupersetError(RuntimeError):
    """Superset answered with an error, did not start in time, or is not installed."""


def superset_env(home: Path) -> dict[str, str]:
    """Environment for Superset's processes: its config file and its home (metadata, key)."""
    return {
        **os.environ,
        "SUPERSET_HOME": str(Path(home).resolve()),
        "SUPERSET_CONFIG_PATH": str(CONFIG_PATH),
        "FLASK_APP": "superset",
        "SUPERSET_LOAD_EXAMPLES": "false",
    }


def _venv_bin(venv: Path, name: str) -> str:
    path = Path(venv) / "bin" / name
    if not path.exists():
        raise SupersetError(f"{path} is missing: install Superset's venv with `make superset`")
    return str(path)


def admin_credentials(home: Path) -> tuple[str, str]:
    """The admin user and its password, generated once per Superset home by
    :func:`init_metadata` (``home/admin_password``, readable by its owner only).

    Raises SupersetError when the home was never initialised."""
    path = Path(home) / ADMIN_PASSWORD_FILE
    if not path.exists():
        raise SupersetError(f"{path} is missing: initialise Superset with `make superset`")
    return ADMIN_USER, path.read_text().strip()


def _new_admin_password(home: Path) -> str:
    path = Path(home) / ADMIN_PASSWORD_FILE
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(18))
    return path.read_text().strip()


def init_metadata(home: Path, venv: Path = DEFAULT_VENV) -> bool:
    """Create Superset's metadata database in ``home`` once (migrations, admin user, roles);
    return True when it was created now (or its admin password was replaced), False when it
    already was.

    The admin's password is generated here (``secrets.token_urlsafe``, 24 characters) and
    kept in ``home/admin_password`` (mode 0600); :func:`admin_credentials` reads it back. A
    home initialised before with the old fixed password gets a generated one
    (``superset fab reset-password``).
    Raises SupersetError when a step fails (its output is in the message)."""
    home = Path(home)
    marker = home / ".initialised"
    upgrade = marker.exists() and not (home / ADMIN_PASSWORD_FILE).exists()
    if marker.exists() and not upgrade:
        return False
    home.mkdir(parents=True, exist_ok=True)
    env, superset = superset_env(home), _venv_bin(venv, "superset")
    password = _new_admin_password(home)
    if upgrade:  # a home made before passwords were generated (admin/admin): replace it
        steps = [[superset, "fab", "reset-password", "--username", ADMIN_USER, "--password", password]]
    else:
        steps = [
            [superset, "db", "upgrade"],
            [
                superset,
                "fab",
                "create-admin",
                "--username",
                ADMIN_USER,
                "--password",
                password,
                "--firstname",
                "Local",
                "--lastname",
                "Admin",
                "--email",
                "admin@localhost",
            ],
            [superset, "init"],
        ]
    for step in steps:
        print(f"  superset {' '.join(step[1:3])}", flush=True)
        proc = subprocess.run(step, env=env, capture_output=True, text=True)
        if proc.returncode != 0:
            output = (proc.stdout + proc.stderr).replace(password, "<password>")
            raise SupersetError(f"`superset {' '.join(step[1:3])}` failed:\n{output[-3000:]}")
    marker.touch()
    return True


def start_server(home: Path, port: int, venv: Path = DEFAULT_VENV) -> subprocess.Popen:
    """Start Superset (gunicorn, one worker) on 127.0.0.1:``port`` in the background, logging
    to ``home/server.log`` and writing ``home/server.pid``; return the process."""
    home = Path(home)
    log = open(home / "server.log", "ab")
    proc = subprocess.Popen(
        [
            _venv_bin(venv, "gunicorn"),
            "--workers",
            "1",
            "--threads",
            "4",
            "--timeout",
            "120",
            "--bind",
            f"127.0.0.1:{port}",
            "superset.app:create_app()",
        ],
        env=superset_env(home),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    (home / "server.pid").write_text(str(proc.pid))
    return proc


def stop_server(home: Path) -> bool:
    """Stop the server started by :func:`start_server` in ``home``; return False if none ran."""
    pid_file = Path(home) / "server.pid"
    if not pid_file.exists():
        return False
    pid = int(pid_file.read_text())
    pid_file.unlink()
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        return False
    return True


def is_healthy(base_url: str) -> bool:
    """True when a Superset server answers ``GET /health`` with OK."""
    try:
        return requests.get(f"{base_url}/health", timeout=5).ok
    except requests.RequestException:
        return False


def wait_until_healthy(base_url: str, timeout: float = 120.0) -> float:
    """Poll ``GET /health`` until it answers OK; return the seconds waited.

    Raises SupersetError after ``timeout`` seconds.
    """
    started = time.monotonic()
    while not is_healthy(base_url):
        if time.monotonic() - started > timeout:
            raise SupersetError(f"Superset did not answer on {base_url}/health within {timeout:.0f} s")
        time.sleep(1)
    return time.monotonic() - started


class SupersetClient:
    """A logged-in session on Superset's REST API (JWT bearer token plus CSRF token)."""

    def __init__(self, base_url: str, username: str, password: str):
        self.base_url = base_url.rstrip("/")
        self.session = requests.Session()
        login = self.session.post(
            f"{self.base_url}/api/v1/security/login",
            timeout=30,
            json={"username": username, "password": password, "provider": "db"},
        )
        if not login.ok:
            raise SupersetError(f"login as {username!r} failed ({login.status_code}): {login.text[:300]}")
        self.session.headers["Authorization"] = f"Bearer {login.json()['access_token']}"
        self.session.headers["Referer"] = self.base_url
        self.session.headers["X-CSRFToken"] = self.request("GET", "/api/v1/security/csrf_token/")["result"]

    def request(self, method: str, path: str, body: dict | None = None) -> dict:
        """Call the API; return the JSON answer. Raises SupersetError on an HTTP error."""
        resp = self.session.request(method, f"{self.base_url}{path}", json=body, timeout=120)
        if not resp.ok:
            raise SupersetError(f"{method} {path} failed ({resp.status_code}): {resp.text[:500]}")
        return resp.json()

    def find(self, resource: str, **match) -> dict | None:
        """The first ``resource`` (database, dataset, chart, dashboard) whose fields equal ``match``."""
        page = 0
        while True:
            q = f"(page:{page},page_size:100)"
            result = self.request("GET", f"/api/v1/{resource}/?q={q}")["result"]
            for item in result:
                if all(item.get(k) == v for k, v in match.items()):
                    return item
            if len(result) < 100:
                return None
            page += 1

    def upsert(self, resource: str, match: dict, body: dict) -> int:
        """Create ``resource`` with ``body``, or update the one matching ``match``; return its id."""
        found = self.find(resource, **match)
        if found is None:
            return self.request("POST", f"/api/v1/{resource}/", body)["id"]
        self.request("PUT", f"/api/v1/{resource}/{found['id']}", body)
        return found["id"]

    def chart_data(self, chart_id: int) -> list[dict]:
        """Rows of a saved chart's query, run now by Superset (``GET /api/v1/chart/<id>/data/``)."""
        result = self.request("GET", f"/api/v1/chart/{chart_id}/data/?format=json&type=full")["result"]
        if result[0].get("error"):
            raise SupersetError(f"chart {chart_id}: {result[0]['error']}")
        return result[0]["data"]


@dataclass(frozen=True)
class Provisioned:
    """Ids of what :func:`provision` made: the database, datasets by mart, charts by name."""

    database_id: int
    datasets: dict[str, int]
    charts: dict[str, int]
    dashboard_id: int
    dashboard_url: str


def mart_tables(serving_path: Path) -> list[str]:
    """Tables in schema ``marts`` of the serving warehouse (opened read-only, locked down)."""
    from warehouse.serving import open_warehouse

    con = open_warehouse(serving_path, read_only=True)
    try:
        return [
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables where table_schema = 'marts' "
                "and table_type = 'BASE TABLE' order by 1"
            ).fetchall()
        ]
    finally:
        con.close()


def _metric(column: str, label: str) -> dict:
    return {"expressionType": "SIMPLE", "aggregate": "SUM", "label": label, "column": {"column_name": column}}


def _chart(
    client: SupersetClient, name: str, viz_type: str, dataset_id: int, dashboard_id: int, form: dict, query: dict
) -> int:
    """Create or update a chart with its form data and the query context the API runs."""
    params = {"viz_type": viz_type, "datasource": f"{dataset_id}__table", **form}
    query_context = {
        "datasource": {"id": dataset_id, "type": "table"},
        "force": False,
        "queries": [query],
        "form_data": params,
        "result_format": "json",
        "result_type": "full",
    }
    body = {
        "slice_name": name,
        "viz_type": viz_type,
        "datasource_id": dataset_id,
        "datasource_type": "table",
        "params": json.dumps(params),
        "query_context": json.dumps(query_context),
        "dashboards": [dashboard_id],
    }
    return client.upsert("chart", {"slice_name": name}, body)


def _layout(charts: list[tuple[int, str]]) -> dict:
    """Dashboard position_json: one full-width row per chart."""
    layout = {
        "DASHBOARD_VERSION_KEY": "v2",
        "ROOT_ID": {"type": "ROOT", "id": "ROOT_ID", "children": ["GRID_ID"]},
        "GRID_ID": {"type": "GRID", "id": "GRID_ID", "children": [], "parents": ["ROOT_ID"]},
        "HEADER_ID": {"type": "HEADER", "id": "HEADER_ID", "meta": {"text": DASHBOARD_TITLE}},
    }
    for i, (chart_id, name) in enumerate(charts, 1):
        row, chart = f"ROW-{i}", f"CHART-{i}"
        layout["GRID_ID"]["children"].append(row)
        layout[row] = {
            "type": "ROW",
            "id": row,
            "children": [chart],
            "parents": ["ROOT_ID", "GRID_ID"],
            "meta": {"background": "BACKGROUND_TRANSPARENT"},
        }
        layout[chart] = {
            "type": "CHART",
            "id": chart,
            "children": [],
            "parents": ["ROOT_ID", "GRID_ID", row],
            "meta": {"chartId": chart_id, "width": 12, "height": 60, "sliceName": name},
        }
    return layout


def _virtual_dataset(client: SupersetClient, database_id: int, name: str, sql: str) -> int:
    """Create or update the SQL (virtual) dataset ``name`` on schema marts; return its id."""
    found = client.find("dataset", table_name=name)
    body = {"database": database_id, "schema": "marts", "table_name": name, "sql": sql}
    if found is None:
        return client.request("POST", "/api/v1/dataset/", body)["id"]
    client.request("PUT", f"/api/v1/dataset/{found['id']}", {"sql": sql})
    client.request("PUT", f"/api/v1/dataset/{found['id']}/refresh")
    return found["id"]


def provision(client: SupersetClient, serving_path: Path) -> Provisioned:
    """Register the serving warehouse, a dataset per mart (and the ranked top-10 SQL dataset),
    the two charts and the dashboard.

    Idempotent: running it again updates what exists (the serving path may have moved).
    Raises SupersetError when the API refuses a step, FileNotFoundError without a serving
    warehouse.
    """
    serving_path = Path(serving_path).resolve()
    if not serving_path.exists():
        raise FileNotFoundError(f"no serving warehouse at {serving_path}: run `make build` first")
    database_id = client.upsert(
        "database",
        {"database_name": DATABASE_NAME},
        {
            "database_name": DATABASE_NAME,
            "sqlalchemy_uri": f"duckdb:///{serving_path}",
            "extra": json.dumps({"engine_params": {"connect_args": CONNECT_ARGS}}),
            "expose_in_sqllab": True,
            "allow_dml": False,
        },
    )
    datasets = {}
    for table in mart_tables(serving_path):
        found = client.find("dataset", table_name=table, schema="marts")
        if found is None:
            datasets[table] = client.request(
                "POST", "/api/v1/dataset/", {"database": database_id, "schema": "marts", "table_name": table}
            )["id"]
        else:
            datasets[table] = found["id"]
            client.request("PUT", f"/api/v1/dataset/{found['id']}/refresh")  # columns as published now
    top_customers = _virtual_dataset(client, database_id, TOP_CUSTOMERS_DATASET, TOP_CUSTOMERS_SQL)
    dashboard_id = client.upsert(
        "dashboard",
        {"slug": DASHBOARD_SLUG},
        {"dashboard_title": DASHBOARD_TITLE, "slug": DASHBOARD_SLUG, "published": True},
    )

    revenue = _metric("net_revenue", "Net revenue")
    charts = {
        REVENUE_CHART: _chart(
            client,
            REVENUE_CHART,
            "echarts_timeseries_bar",
            datasets[CHART_MARTS[REVENUE_CHART]],
            dashboard_id,
            form={
                "x_axis": "order_month_key",
                "groupby": ["region_name"],
                "metrics": [revenue],
                "stack": "Stack",
                "row_limit": CHART_ROW_LIMIT,
                "x_axis_title": "Order month (yyyymm)",
                "x_axis_title_margin": 30,
                "y_axis_format": ",.0f",
            },
            query={
                "columns": ["order_month_key", "region_name"],
                "metrics": [revenue],
                "orderby": [["order_month_key", True]],
                "row_limit": CHART_ROW_LIMIT,
            },
        ),
        TOP_CUSTOMERS_CHART: _chart(
            client,
            TOP_CUSTOMERS_CHART,
            "table",
            top_customers,
            dashboard_id,
            form={
                "query_mode": "aggregate",
                "groupby": ["customer_id"],
                "metrics": [_metric("lifetime_net_revenue", "Lifetime net revenue")],
                "timeseries_limit_metric": _metric("lifetime_net_revenue", "Lifetime net revenue"),
                "order_desc": True,
                "row_limit": CHART_ROW_LIMIT,
            },
            query={
                "columns": ["customer_id"],
                "metrics": [_metric("lifetime_net_revenue", "Lifetime net revenue")],
                "orderby": [
                    [_metric("lifetime_net_revenue", "Lifetime net revenue"), False],
                    ["customer_id", True],
                ],
                "row_limit": CHART_ROW_LIMIT,
            },
        ),
    }
    client.request(
        "PUT",
        f"/api/v1/dashboard/{dashboard_id}",
        {"position_json": json.dumps(_layout([(cid, name) for name, cid in charts.items()]))},
    )
    return Provisioned(
        database_id, datasets, charts, dashboard_id, f"{client.base_url}/superset/dashboard/{DASHBOARD_SLUG}/"
    )


def start(home: Path, port: int, serving_path: Path) -> int:
    """``make superset``: initialise Superset's metadata in ``home`` (once; the generated admin
    password is printed that one time and kept in a 0600 file), start the server on
    127.0.0.1:``port`` unless it is healthy, and provision the database, datasets, charts and
    dashboard on the serving warehouse (read-only). Returns 0.

    Raises:
        FileNotFoundError: no serving warehouse; SupersetError: a step failed (see its log).
    """
    if not serving_path.exists():
        raise FileNotFoundError(f"no serving warehouse at {serving_path}: run `make build` first")
    base_url = f"http://127.0.0.1:{port}"
    print(f"[1/3] Superset metadata in {home}", flush=True)
    if init_metadata(home):
        _, password = admin_credentials(home)
        print(f"  admin password (shown once; kept in {home / ADMIN_PASSWORD_FILE}, mode 0600): {password}")
    else:
        print(f"  already initialised (admin password in {home / ADMIN_PASSWORD_FILE})")
    print(f"[2/3] Superset server on {base_url}", flush=True)
    if is_healthy(base_url):
        print("  already running")
    else:
        start_server(home, port)
        print(
            f"  started (log: {home / 'server.log'}); up after {wait_until_healthy(base_url, timeout=180):.0f} s",
            flush=True,
        )
    print(f"[3/3] database, datasets, charts and dashboard on {serving_path} (read-only)", flush=True)
    client = SupersetClient(base_url, *admin_credentials(home))
    done = provision(client, serving_path)
    print(f"  {len(done.datasets)} datasets, {len(done.charts)} charts")
    print(
        f"dashboard: {done.dashboard_url} (user {ADMIN_USER}, password in "
        f"{home / ADMIN_PASSWORD_FILE}; 127.0.0.1 only). Stop with `make superset-stop`."
    )
    return 0
