"""The bring-your-own-data route (README, examples/bring_your_own_data/): a new source system's
files landed in the raw zone, its source, staging model and data contract copied into the
project, then one `python -m warehouse build`: built, tested, audited by its contract and
published; a bad landing of that feed fails the build and publishes nothing."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import duckdb

from conftest import VENV_BIN, file_digest, run_build

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "bring_your_own_data"


def _land(project: Path, csv: Path) -> str:
    proc = subprocess.run(
        [
            str(VENV_BIN / "python"),
            str(EXAMPLE / "land_csv.py"),
            str(csv),
            "--system",
            "fx",
            "--table",
            "exchange_rates",
            "--raw-dir",
            str(project / "data/raw"),
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_a_new_source_system_is_built_audited_and_published(build_copy, tmp_path):
    project = build_copy
    shutil.copytree(EXAMPLE / "project", project, dirs_exist_ok=True)
    assert "landed 8 rows" in _land(project, EXAMPLE / "exchange_rates.csv")
    assert "unchanged 8 rows" in _land(project, EXAMPLE / "exchange_rates.csv")  # idempotent

    proc = run_build(project, "--select", "stg_fx__exchange_rates")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-3000:]
    # Its contract was checked against dbt and tested on the landed files in the audit.
    contracts = len(list((EXAMPLE.parents[1] / "contracts").rglob("*.odcs.yaml"))) + 1
    assert f"over {contracts} contracts" in out, out[-3000:]
    # Published (the serving copy holds the marts only: readers never see staging).
    assert "published" in out, out[-3000:]
    con = duckdb.connect(str(project / "data/build/warehouse.duckdb"), read_only=True)
    try:
        rows = con.execute(
            "select currency_code, count(*), min(usd_per_unit) from staging.stg_fx__exchange_rates "
            "group by currency_code order by currency_code"
        ).fetchall()
    finally:
        con.close()
    assert [(code, n) for code, n, _ in rows] == [("CAD", 2), ("EUR", 2), ("GBP", 2), ("JPY", 2)]

    # A corrupted landing (a negative rate) fails the build's tests; nothing is published.
    bad = tmp_path / "bad.csv"
    bad.write_text((EXAMPLE / "exchange_rates.csv").read_text().replace("1.6340", "-1.6340"))
    assert "replaced 8 rows" in _land(project, bad)
    serving_before = file_digest(project / "data/warehouse.duckdb")
    proc = run_build(project, "--select", "stg_fx__exchange_rates")
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out[-3000:]
    assert "accepted_range_stg_fx__exchange_rates_usd_per_unit" in out, out[-3000:]
    assert file_digest(project / "data/warehouse.duckdb") == serving_before
