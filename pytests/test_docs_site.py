"""The dbt docs site (`make docs-serve`): generated from the serving warehouse (target
`serving`, read-only), served by `dbt docs serve`, opened in headless Chromium (the
``browser`` fixture): a mart's page and the lineage graph render.

Screenshots go to $WAREHOUSE_SCREENSHOT_DIR (default .tmp/screenshots); `make docs-screenshots`
writes them to docs/images/, which the README shows.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from pathlib import Path

import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import REPO_ROOT, VENV_BIN, screenshot

MART = "fct_orders"
# Pixels the lineage graph's node layer (a cytoscape canvas) has painted.
PAINTED = """const c = document.querySelector('canvas[data-id="layer2-node"]');
if (!c || c.width === 0) return -1;
const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
let n = 0; for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++;
return n;"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serving_env(built_warehouse: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DBT_TARGET": "serving",
        "DBT_PROFILES_DIR": str(REPO_ROOT),
        "WAREHOUSE_SERVING_PATH": str(built_warehouse.parent / "serving" / "warehouse.duckdb"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }


@pytest.fixture(scope="module")
def docs_target(built_warehouse: Path, tmp_path_factory) -> Path:
    """`dbt docs generate` on the serving warehouse (target `serving`); the folder with its
    manifest.json, catalog.json and index.html."""
    target = tmp_path_factory.mktemp("docs_target")
    gen = subprocess.run(
        [str(VENV_BIN / "dbt"), "docs", "generate", "--target-path", str(target)],
        cwd=REPO_ROOT,
        env=_serving_env(built_warehouse),
        capture_output=True,
        text=True,
    )
    assert gen.returncode == 0, gen.stdout[-3000:]
    return target


@pytest.fixture(scope="module")
def docs_site(built_warehouse: Path, docs_target: Path) -> str:
    """`dbt docs serve` of :func:`docs_target`; yield its URL."""
    target, port, env, dbt = docs_target, _free_port(), _serving_env(built_warehouse), str(VENV_BIN / "dbt")
    server = subprocess.Popen(
        [
            dbt,
            "docs",
            "serve",
            "--port",
            str(port),
            "--host",
            "127.0.0.1",
            "--no-browser",
            "--target-path",
            str(target),
        ],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(60):
            try:
                if requests.get(url, timeout=2).ok:
                    break
            except requests.RequestException:
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def _open_mart_page(driver, docs_site: str) -> str:
    driver.get(f"{docs_site}/#!/model/model.tpch_warehouse.{MART}")
    WebDriverWait(driver, 60).until(lambda d: "order_date_key" in d.find_element(By.TAG_NAME, "body").text)
    return driver.find_element(By.TAG_NAME, "body").text


def test_a_mart_page_renders(docs_site, browser):
    text = _open_mart_page(browser, docs_site)
    assert f"{MART} incremental" in text
    assert "One row per order (TPC-H orders). Primary key order_id." in text  # the model's description
    assert "Enforced" in text and "Analytics Engineering" in text  # contract, group owner
    for column in ("order_id", "customer_key", "order_date", "net_amount", "loaded_at"):
        assert f"\n{column}\n" in text or f"{column} " in text, column
    screenshot(browser, "dbt-docs-fct_orders.png")


def test_the_lineage_graph_renders(docs_site, browser):
    _open_mart_page(browser, docs_site)
    browser.find_element(By.CSS_SELECTOR, 'a[title="View Lineage Graph"]').click()
    WebDriverWait(browser, 30).until(lambda d: d.find_element(By.CSS_SELECTOR, 'a[ng-click="showExpanded()"]'))
    browser.find_element(By.CSS_SELECTOR, 'a[ng-click="showExpanded()"]').click()
    WebDriverWait(browser, 60).until(lambda d: d.execute_script(PAINTED) > 10_000)
    fields = browser.execute_script(
        "return Array.from(document.querySelectorAll('.launcher-content input')).map(i => i.value)"
    )
    assert f"+{MART}+" in fields  # the graph shows the mart with its parents and children
    time.sleep(2)  # let the layout settle for the picture
    screenshot(browser, "dbt-docs-lineage.png")


def test_the_site_opens_on_the_projects_overview(docs_site, browser):
    browser.get(f"{docs_site}/#!/overview")
    WebDriverWait(browser, 60).until(
        lambda d: "The layers, in the order data flows" in d.find_element(By.TAG_NAME, "body").text
    )
    text = browser.find_element(By.TAG_NAME, "body").text
    assert "TPC-H reference warehouse" in text and "Welcome!" not in text  # not dbt's generic page
    for schema in ("staging", "intermediate", "marts_snowflake", "business_vault", "semantic"):
        assert schema in text, schema


def test_the_committed_erd_is_current(docs_target, tmp_path):
    """docs/erd.md (make erd) is what scripts/erd.py makes of the current project: regenerated
    from this docs build, it is identical, so a changed mart or relationship fails until
    `make erd` is run."""
    fresh = tmp_path / "erd.md"
    proc = subprocess.run(
        [str(VENV_BIN / "python"), str(REPO_ROOT / "scripts" / "erd.py"), str(docs_target), str(fresh)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    text = fresh.read_text()
    assert '"FCT_ORDER_LINES" }|--|| "DIM_PART": part_key' in text
    assert '"DIM_NATION" }|--|| "DIM_REGION": region_key' in text
    assert text == (REPO_ROOT / "docs" / "erd.md").read_text(), "docs/erd.md is stale: run `make erd`"
