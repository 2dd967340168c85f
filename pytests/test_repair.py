"""Repair without a full refresh: after bad (but valid-looking) CDC lines were loaded and
then removed from the raw zone, ``python -m warehouse repair --from DATE`` leaves the build
warehouse as if they had never come, and equal to a full refresh.

The forged lines are the kinds a quarantine cannot catch, because each is a well-formed
event: an order that never existed (a phantom order), an update of a line item, and a late
customer event that supersedes (and so deletes) a stored satellite row.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import duckdb

from conftest import VENV_BIN, build_command, run_dbt

# Every schema the build writes data into (warehouse_meta holds run logs).
SCHEMAS = ("intermediate", "vault", "business_vault", "marts", "marts_snowflake", "snapshots")
PHANTOM_ORDER = 999_999_001


def _contents(db: Path) -> dict[str, tuple[int, int]]:
    """(rows, content hash) of every table the build writes, leaving out load_datetime (when
    a vault row was loaded: the run's start) and source_file (the raw file's path, which
    differs in a copied project)."""
    with duckdb.connect(str(db), read_only=True) as con:
        tables = con.execute(
            "select table_schema || '.' || table_name, list(column_name order by ordinal_position) "
            "from information_schema.columns where table_schema in ? "
            "and (table_schema, table_name) in (select table_schema, table_name from information_schema.tables "
            "where table_type = 'BASE TABLE') group by 1 order by 1",
            [list(SCHEMAS)],
        ).fetchall()
        out = {}
        for table, columns in tables:
            kept = ", ".join(f'"{c}"' for c in columns if c not in ("load_datetime", "source_file"))
            out[table] = con.execute(f"select count(*), bit_xor(hash(row({kept}))) from {table}").fetchone()
    return out


def _events(path: Path, key: str) -> list[dict]:
    """The well-formed events of an NDJSON file whose row image has ``key`` (the simulator's
    faulty lines left out)."""
    out = []
    for line in path.read_text().splitlines():
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if isinstance(event, dict) and key in (event.get("after") or {}):
            out.append(event)
    return out


def _forge(raw: Path, last_day: str) -> tuple[list[Path], dict]:
    """Write one forged file per table into the last load date; return them and what they
    target."""
    cdc = raw / "cdc"
    day_before = sorted(p.name for p in (cdc / "customer").glob("load_date=*"))[-2]
    # A customer updated once, on the day before: a late copy of its update, one second
    # earlier, makes the stored row of that update "no change" (superseded).
    updates = {}
    for path in sorted((cdc / "customer").glob("load_date=*/*.ndjson")):
        for event in _events(path, "c_custkey"):
            updates.setdefault(event["after"]["c_custkey"], []).append((path.parent.name, event))
    customer, (_, update) = next(
        (k, v[0]) for k, v in sorted(updates.items()) if len(v) == 1 and v[0][0] == day_before and v[0][1]["op"] == "u"
    )
    late = json.loads(json.dumps(update))
    late["source"]["ts_ms"] -= 1000
    late["ts_ms"] -= 1000
    late["source"]["lsn"] -= 1
    orders = _events(next((cdc / "orders" / last_day).glob("*.ndjson")), "o_orderkey")
    order = next(e for e in orders if e["op"] == "c")
    phantom = json.loads(json.dumps(order))
    phantom["after"]["o_orderkey"] = PHANTOM_ORDER
    phantom["source"]["lsn"] += 10**9
    line = next(
        e for e in _events(next((cdc / "lineitem" / last_day).glob("*.ndjson")), "l_orderkey") if e["op"] == "c"
    )
    forged_line = json.loads(json.dumps(line))  # an update of a line created that day
    forged_line.update(op="u", before=line["after"])
    forged_line["after"] = {**line["after"], "l_quantity": 49.0}
    forged_line["source"]["lsn"] += 10**9
    written = []
    for table, event in (("customer", late), ("orders", phantom), ("lineitem", forged_line)):
        path = cdc / table / last_day / "events-forged.ndjson"
        path.write_text(json.dumps(event) + "\n")
        written.append(path)
    line_key = (line["after"]["l_orderkey"], line["after"]["l_linenumber"])
    return written, {"customer": customer, "line": line_key}


def test_repair_after_the_raw_zone_is_corrected_ends_as_if_the_bad_lines_never_came(build_copy):
    project = build_copy
    db = project / "data/build/warehouse.duckdb"
    raw = project / "data/raw"
    before = _contents(db)
    last_day = sorted(p.name for p in (raw / "cdc/orders").glob("load_date=*"))[-1]
    forged, targets = _forge(raw, last_day)

    # An incremental dbt build applies them. Its tests would catch two of the three (the
    # vault's customer history no longer matches the snapshot's, and the forged quantity does
    # not reconcile) and stop the downstream models; without tests every model takes them in.
    dbt_env = {"WAREHOUSE_DB_PATH": str(db), "WAREHOUSE_RAW_DIR": str(raw)}
    proc = run_dbt(["build", "--exclude-resource-type", "test", "unit_test"], project, dbt_env)
    assert proc.returncode == 0, proc.stdout[-4000:]
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*) from marts.fct_orders where order_id = ?", [PHANTOM_ORDER]).fetchone() == (1,)
    assert con.execute("select count(*) from vault.hub_order where order_id = ?", [PHANTOM_ORDER]).fetchone() == (1,)
    assert con.execute(
        "select quantity from marts.fct_order_lines where order_id = ? and line_number = ?", list(targets["line"])
    ).fetchone() == (49,)
    con.close()
    damaged = _contents(db)
    assert damaged["vault.sat_customer_details"] != before["vault.sat_customer_details"]

    for path in forged:  # the raw zone is corrected
        path.unlink()
    _, env = build_command(project)
    # The dbt tests are left out of the repair's build: what is checked is the state it ends in.
    repair = ["repair", "--from", last_day.split("=")[1], "--", "--exclude-resource-type", "test", "unit_test"]
    proc = subprocess.run(
        [str(VENV_BIN / "python"), "-m", "warehouse", *repair], cwd=project, env=env, capture_output=True, text=True
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-4000:]
    assert "rolled back" in out and "published" in out, out[-2000:]
    assert _contents(db) == before

    # ... which is also what a full refresh of every incremental model computes
    result = run_dbt(["run", "--full-refresh", "-s", "config.materialized:incremental"], project, dbt_env)
    assert result.returncode == 0, result.stdout[-3000:]
    assert _contents(db) == before


def test_repair_without_a_warehouse_or_with_nothing_to_repair_says_so_in_one_line(tmp_path, built_warehouse):
    env = {
        **os.environ,
        "WAREHOUSE_RAW_DIR": str(built_warehouse.parent / "raw"),
        "WAREHOUSE_DB_PATH": str(tmp_path / "none.duckdb"),
        "WAREHOUSE_SERVING_PATH": str(tmp_path / "s.duckdb"),
    }
    repair = [str(VENV_BIN / "python"), "-m", "warehouse", "repair", "--from"]
    proc = subprocess.run([*repair, "1998-08-03"], env=env, capture_output=True, text=True)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1, proc.stderr
    assert "no build warehouse" in proc.stderr and "nothing to repair" in proc.stderr
    # A copy: repair takes the run lock and checks no other process has the file open, which
    # another pytest worker reading the shared test warehouse at that moment would fail.
    shutil.copy(built_warehouse, tmp_path / "warehouse.duckdb")
    env["WAREHOUSE_DB_PATH"] = str(tmp_path / "warehouse.duckdb")
    proc = subprocess.run([*repair, "2100-01-01"], env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "nothing loaded from 2100-01-01 to repair" in proc.stdout
    proc = subprocess.run([*repair, "yesterday"], env=env, capture_output=True, text=True)
    assert proc.returncode == 2 and "expected a date YYYY-MM-DD" in proc.stderr
