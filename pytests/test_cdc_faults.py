"""Bad CDC input end to end: every bad line is quarantined with its reason and place while the
good lines of the same file are applied (a build is never blocked by a line), and a conflicting
duplicate (two valid copies of one key and lsn that differ) is applied nowhere and fails the
build loudly, leaving the serving warehouse as it was.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import duckdb

from conftest import VENV_BIN, build_command, file_digest, run_build


def _simulate_one_day(project: Path) -> Path:
    """Land one more simulated day; return its orders file."""
    _, env = build_command(project)
    subprocess.run([str(VENV_BIN / "python"), "-m", "warehouse", "simulate", "--days", "1"], cwd=project,
                   env=env, check=True, capture_output=True)
    return sorted((project / "data/raw/cdc/orders").glob("load_date=*/*.ndjson"))[-1]


def _append(path: Path, lines: list[str]) -> int:
    """Append ``lines`` to an NDJSON file; return the line number of the first."""
    text = path.read_text()
    first = text.count("\n") + 1
    path.write_text(text + "".join(line + "\n" for line in lines))
    return first


def _event(path: Path, op: str = "c") -> dict:
    """The first event of operation ``op`` in the file."""
    return next(e for e in map(json.loads, path.read_text().splitlines()) if e["op"] == op)


def _quarantined(project: Path, path: Path) -> list[tuple]:
    con = duckdb.connect(str(project / "data/build/warehouse.duckdb"), read_only=True)
    try:
        return con.execute("select source_line_number, quarantine_reason from intermediate.int_cdc_events_quarantined "
                           "where source_file like ? order by 1, 2", [f"%{path.parent.name}/{path.name}"]).fetchall()
    finally:
        con.close()


def test_bad_lines_are_quarantined_and_good_lines_applied_then_a_conflict_fails(build_copy):
    project = build_copy
    # -- a day whose orders file holds one line of every bad kind among its good lines
    orders = _simulate_one_day(project)
    good = _event(orders)
    no_lsn = json.loads(json.dumps(good))
    del no_lsn["source"]["lsn"]
    text_lsn = json.loads(json.dumps(good))
    text_lsn["source"]["lsn"] = "abc"
    unknown_op = {**good, "op": "x"}
    no_loaded_at = {k: v for k, v in good.items() if k != "_loaded_at"}
    bad_type = {**good, "after": {**good["after"], "o_totalprice": "abc"}}
    bad = [
        ("not json at all", "malformed JSON line"),
        (json.dumps(good)[:40], "malformed JSON line"),  # truncated
        ("", "malformed JSON line"),  # an empty line inside the file
        (json.dumps(no_lsn), "missing or non-numeric lsn"),
        (json.dumps(text_lsn), "missing or non-numeric lsn"),
        (json.dumps(unknown_op), "unknown operation"),
        (json.dumps(no_loaded_at), "missing or unparseable _loaded_at"),
        (json.dumps(bad_type), "unparseable number in o_totalprice"),
    ]
    delivered_before = orders.read_text().count("\n")
    first = _append(orders, [line for line, _ in bad])
    serving_before = file_digest(project / "data/warehouse.duckdb")

    proc = run_build(project)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-4000:]  # never blocked by a bad line
    assert "Traceback" not in out
    quarantined = _quarantined(project, orders)
    injected = [(first + i, reason) for i, (_, reason) in enumerate(bad)]
    assert set(injected) <= set(quarantined), quarantined
    # Delivered lines = accepted + quarantined for the file, counting lines (the dbt test
    # assert_cdc_events_reconcile_to_accepted_and_quarantined checks every file and day).
    con = duckdb.connect(str(project / "data/build/warehouse.duckdb"), read_only=True)
    accepted = con.execute("select count(*) from intermediate.int_orders_current where last_lsn = ?",
                           [good["source"]["lsn"]]).fetchone()[0]
    con.close()
    assert accepted == 1  # the genuine event of the same lsn is applied
    assert delivered_before + len(bad) == orders.read_text().count("\n")
    assert file_digest(project / "data/warehouse.duckdb") != serving_before  # published
    assert "quarantined lines left out" in (project / "target/contracts_report.txt").read_text()

    # -- the next day, a forged copy of a genuine event: same order and lsn, total_price 1.00
    orders = _simulate_one_day(project)
    genuine = _event(orders)
    forged = {**genuine, "after": {**genuine["after"], "o_totalprice": 1.00}}
    line = _append(orders, [json.dumps(forged)])
    serving_before = file_digest(project / "data/warehouse.duckdb")

    proc = run_build(project)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out[-4000:]
    assert "Failure in test assert_no_conflicting_cdc_duplicates" in out, out[-4000:]
    assert "the serving warehouse was NOT updated" in out
    assert file_digest(project / "data/warehouse.duckdb") == serving_before
    assert (line, "conflicting duplicate") in _quarantined(project, orders)
    con = duckdb.connect(str(project / "data/build/warehouse.duckdb"), read_only=True)
    order = genuine["after"]["o_orderkey"]
    prices = con.execute("select total_price from intermediate.int_orders_current where order_id = ?",
                         [order]).fetchall()
    con.close()
    assert prices != [(1.00,)]  # neither copy applied: the forged price never lands
