"""Shared fixtures for the Python test suite.

The suite is run by ``make test`` after a throw-away ``dbt build``; the path of that build
warehouse arrives as ``WAREHOUSE_TEST_DB`` (tests needing it fail clearly without it). The
raw zone (``raw/``), simulator state (``sim/``) and published serving warehouse
(``serving/warehouse.duckdb``) lie beside it, as ``make dbt-test-build`` lays them out.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

REPO_ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
# Browser screenshots; `make docs-screenshots` points this at docs/images/ (shown by the README).
SCREENSHOTS = Path(os.environ.get("WAREHOUSE_SCREENSHOT_DIR", REPO_ROOT / ".tmp" / "screenshots"))


def private_dbt_paths() -> dict[str, str]:
    """``DBT_TARGET_PATH`` and ``DBT_LOG_PATH`` in a new temporary folder: dbt run by a test
    from the repository writes its artifacts there, never into the repository's target/ (which
    holds the make-test build's manifest) nor beside a test running in another pytest worker."""
    where = Path(tempfile.mkdtemp(prefix="dbt-", dir=os.environ.get("PYTEST_DBT_TMP")))
    return {"DBT_TARGET_PATH": str(where / "target"), "DBT_LOG_PATH": str(where / "logs")}


def run_dbt(args: list[str], project_dir: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run the venv's dbt in ``project_dir`` with ``env`` added; capture output. Run from the
    repository, its artifacts go to :func:`private_dbt_paths` unless ``args`` name a target path."""
    private = private_dbt_paths() if project_dir == REPO_ROOT and "--target-path" not in args else {}
    full_env = {**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", **private, **env}
    return subprocess.run(
        [str(VENV_BIN / "dbt"), *args, "--project-dir", str(project_dir), "--profiles-dir", str(project_dir)],
        cwd=project_dir,
        env=full_env,
        capture_output=True,
        text=True,
    )


def engine_build_env(root: Path, built_warehouse: Path, ports: dict[str, int]) -> dict[str, str]:
    """The environment of a build on another engine in ``root``: copies of the test
    warehouse's raw zone and simulator state there, the services (server data, PIDs) under
    ``root/services`` on the given ports (env var name -> port), private dbt paths, the
    DuckDB test warehouse to compare with."""
    shutil.copytree(built_warehouse.parent / "raw", root / "raw")
    shutil.copytree(built_warehouse.parent / "sim", root / "sim")
    env = {
        **os.environ,
        **private_dbt_paths(),
        **{name: str(port) for name, port in ports.items()},
        "WAREHOUSE_SERVICES_DIR": str(root / "services"),
        "WAREHOUSE_RAW_DIR": str(root / "raw"),
        "WAREHOUSE_SIM_DIR": str(root / "sim"),
        "WAREHOUSE_DB_PATH": str(built_warehouse),
        "WAREHOUSE_SERVING_PATH": str(root / "unused-serving.duckdb"),
        "DBT_PROFILES_DIR": str(REPO_ROOT),
    }
    for configured in ("WAREHOUSE_PG_PASSWORD", "WAREHOUSE_SPARK_HOST"):  # never a server of the user's
        env.pop(configured, None)
    return env


@contextlib.contextmanager
def engine_build(env: dict[str, str], target: str, timeout_s: int):
    """Build the test raw zone (SF 0.01, the simulated days of ``env``'s simulator state) with
    ``python -m warehouse build --target <target>``; yield its CompletedProcess; stop the
    engine's local services (by their recorded PIDs) afterwards."""
    python = str(VENV_BIN / "python")
    days = str(len(list((Path(env["WAREHOUSE_SIM_DIR"]) / "truth").glob("business_date=*"))))
    try:
        yield subprocess.run(
            [python, "-m", "warehouse", "build", "--target", target, "--sf", "0.01", "--days", days],
            cwd=REPO_ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout_s,
        )
    finally:
        service = "postgres" if target == "lake" else target  # the lake's catalog server
        subprocess.run([python, "-m", "warehouse", "services", "stop", service], cwd=REPO_ROOT, env=env, timeout=180)


def assert_engines_agree(env: dict[str, str], engine: str) -> None:
    """``python -m warehouse compare-engines --engine <engine>`` finds no difference with the
    DuckDB test warehouse over at least 20 mart relations and the 22 TPC-H answers."""
    result = subprocess.run(
        [str(VENV_BIN / "python"), "-m", "warehouse", "compare-engines", "--engine", engine],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    verdict = result.stdout.strip().splitlines()[-1]
    assert f"duckdb and {engine} agree" in verdict and "22 TPC-H answers" in verdict, verdict
    relations = int(re.search(r"(\d+) mart relations", verdict).group(1))
    assert relations >= 20, verdict


# Modules by their measured time, longest first (about 190 s down to 35 s on 2 cores,
# 2026-12-01; unlisted modules take less and run last). pytest-xdist's loadfile mode hands
# out modules in collection order, so the longest start first and none is left running alone
# at the end.
LONGEST_MODULES_FIRST = (
    "test_engines",
    "test_lake",
    "test_cdc_faults",
    "test_contracts",
    "test_serving",
    "test_superset",
    "test_daily_tests",
    "test_repair",
    "test_bring_your_own_data",
    "test_history",
    "test_warehouse_build",
    "test_vault",
    "test_generic_tests",
    "test_serving_lockdown",
    "test_materialized_views",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the modules in :data:`LONGEST_MODULES_FIRST` order (stable within a module)."""
    rank = {name: i for i, name in enumerate(LONGEST_MODULES_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.stem, len(rank)))


@pytest.fixture(scope="session", autouse=True)
def _dbt_artifacts_in_pytests_tmp(tmp_path_factory: pytest.TempPathFactory) -> None:
    """:func:`private_dbt_paths` folders go under pytest's temporary root (kept 3 runs)."""
    os.environ["PYTEST_DBT_TMP"] = str(tmp_path_factory.mktemp("dbt_artifacts"))


@pytest.fixture(scope="session")
def built_warehouse() -> Path:
    """Path of the warehouse built by ``make dbt-test-build`` (WAREHOUSE_TEST_DB)."""
    value = os.environ.get("WAREHOUSE_TEST_DB")
    if not value or not Path(value).exists():
        pytest.fail("WAREHOUSE_TEST_DB is not set to a built warehouse: run `make test`")
    return Path(value)


@pytest.fixture(scope="session")
def raw_dir_of_built_warehouse(built_warehouse: Path) -> Path:
    """The raw zone the test warehouse was built from (beside it, as make test lays out)."""
    return built_warehouse.parent / "raw"


def copy_project(dest: Path) -> Path:
    """Copy the dbt project (no data, no target/) to ``dest``; return it."""
    dest.mkdir()
    for name in ("dbt_project.yml", "profiles.yml"):
        shutil.copy(REPO_ROOT / name, dest / name)
    for name in ("models", "macros", "seeds", "tests", "snapshots", "analyses"):
        if (REPO_ROOT / name).exists():
            shutil.copytree(REPO_ROOT / name, dest / name)
    return dest


@pytest.fixture()
def project_copy(tmp_path: Path) -> Path:
    """A copy of the dbt project (no data, no target/) in a temporary folder."""
    return copy_project(tmp_path / "project")


def file_digest(path: Path) -> str:
    """sha256 of a file's bytes (hex)."""
    from warehouse.raw_zone import file_sha256

    return file_sha256(path)


PARTIAL_PARSE = Path("target") / "partial_parse.msgpack"


def reused_project_dir(factory: pytest.TempPathFactory, kind: str) -> Path:
    """An empty ``project`` folder at the same absolute path for every test of this pytest
    worker that asks for ``kind``, holding the previous such test's dbt partial-parse state.

    dbt keeps its parse between runs (target/partial_parse.msgpack) only while the profile is
    unchanged, and the profile holds the warehouse file's absolute path: a copy in a new folder
    per test re-parses the whole project on its first dbt call (about 9 s on 2 cores), one at a
    reused path re-parses only the files that differ (about 3.5 s). The previous copy is
    removed first (so a failed test's copy lasts until the next test of its kind)."""
    root = factory.getbasetemp() / f"reused-{kind}"
    dest, saved = root / "project", root / PARTIAL_PARSE.name
    if (dest / PARTIAL_PARSE).exists():
        shutil.move(dest / PARTIAL_PARSE, saved)
    shutil.rmtree(dest, ignore_errors=True)
    return dest


def restore_partial_parse(project: Path) -> None:
    """Put the parse state :func:`reused_project_dir` kept beside ``project`` into its target/."""
    saved = project.parent / PARTIAL_PARSE.name
    if saved.exists():
        (project / PARTIAL_PARSE).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(saved, project / PARTIAL_PARSE)


@pytest.fixture()
def build_copy(tmp_path_factory: pytest.TempPathFactory, built_warehouse: Path) -> Path:
    """The project with copies of the test build warehouse (data/build/), the serving
    warehouse (data/warehouse.duckdb), the raw zone and the simulator state, in a folder
    reused by every such test of the worker (:func:`reused_project_dir`)."""
    dest = reused_project_dir(tmp_path_factory, "build_copy")
    # Not the venvs (.venv, .venv-superset: about 1.6 GB, 10 s a copy), version control,
    # scratch space, data or dbt artifacts: the copy runs the repository's venv.
    ignore = shutil.ignore_patterns(".venv*", ".git", ".tmp", "data", "target", "logs", "__pycache__")
    shutil.copytree(REPO_ROOT, dest, ignore=ignore)
    data = dest / "data"
    (data / "build").mkdir(parents=True)
    shutil.copy(built_warehouse, data / "build" / "warehouse.duckdb")
    shutil.copy(built_warehouse.parent / "serving" / "warehouse.duckdb", data / "warehouse.duckdb")
    shutil.copytree(built_warehouse.parent / "raw", data / "raw")
    shutil.copytree(built_warehouse.parent / "sim", data / "sim")
    restore_partial_parse(dest)
    return dest


def build_command(project: Path, *dbt_args: str, days: int | None = None) -> tuple[list[str], dict[str, str]]:
    """``python -m warehouse build`` for a :func:`build_copy` project (its scale factor, and by
    default its number of simulated days) and the environment to run it in."""
    env = {
        **os.environ,
        "WAREHOUSE_RAW_DIR": str(project / "data/raw"),
        "WAREHOUSE_DB_PATH": str(project / "data/build/warehouse.duckdb"),
        "WAREHOUSE_SERVING_PATH": str(project / "data/warehouse.duckdb"),
        "WAREHOUSE_SIM_DIR": str(project / "data/sim"),
        "DBT_PROFILES_DIR": str(project),
    }
    if days is None:
        days = len(list((project / "data/sim/truth").glob("business_date=*")))
    sf = json.loads((project / "data/raw/tpch/_manifest.json").read_text())["scale_factor"]
    cmd = [str(VENV_BIN / "python"), "-m", "warehouse", "build", "--sf", str(sf), "--days", str(days), "--", *dbt_args]
    return cmd, env


def run_build(project: Path, *dbt_args: str, days: int | None = None) -> subprocess.CompletedProcess:
    """Run :func:`build_command` to the end; capture its output."""
    cmd, env = build_command(project, *dbt_args, days=days)
    return subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True)


@pytest.fixture(scope="module")
def browser():
    """Headless Debian Chromium through its chromedriver (no driver download)."""
    if not (shutil.which(CHROMIUM) and shutil.which(CHROMEDRIVER)):
        pytest.fail("Chromium is not installed: `make browser` (apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1600,1000",
        "--no-first-run",
        "--disable-quic",
        "--disable-sync",
        "--disable-background-networking",
        "--disable-component-update",
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def screenshot(driver, name: str) -> Path:
    """Save the browser's view as SCREENSHOTS/name (tooltips removed); return the path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    driver.execute_script("document.querySelectorAll('.tooltip').forEach(t => t.remove())")
    assert driver.save_screenshot(str(path))
    assert path.stat().st_size > 20_000  # a rendered page, not a blank one
    return path
