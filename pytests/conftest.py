"""Shared fixtures for the Python test suite.

The suite is run by ``make test`` after a throw-away ``dbt build``; the path of that
warehouse arrives as ``WAREHOUSE_TEST_DB`` (tests needing it fail clearly without it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent


def run_dbt(args: list[str], project_dir: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run the venv's dbt in ``project_dir`` with ``env`` added; capture output."""
    full_env = {**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", **env}
    return subprocess.run(
        [str(VENV_BIN / "dbt"), *args, "--project-dir", str(project_dir), "--profiles-dir", str(project_dir)],
        cwd=project_dir,
        env=full_env,
        capture_output=True,
        text=True,
    )


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


@pytest.fixture()
def project_copy(tmp_path: Path) -> Path:
    """A copy of the dbt project (no data, no target/) in a temporary folder."""
    dest = tmp_path / "project"
    dest.mkdir()
    for name in ("dbt_project.yml", "profiles.yml"):
        shutil.copy(REPO_ROOT / name, dest / name)
    for name in ("models", "macros", "seeds", "tests", "snapshots", "analyses"):
        if (REPO_ROOT / name).exists():
            shutil.copytree(REPO_ROOT / name, dest / name)
    return dest
