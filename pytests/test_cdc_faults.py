"""Bad CDC input end to end: every bad line (and a delete of a key that never existed) is
quarantined with its reason and place while the good lines of the same file are applied (a
build is never blocked by a line), and a conflicting
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
    subprocess.run(
        [str(VENV_BIN / "python"), "-m", "warehouse", "simulate", "--days", "1"],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
    )
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
        return con.execute(
            "select source_line_number, quarantine_reason from intermediate.int_cdc_events_quarantined "
            "where source_file like ? order by 1, 2",
            [f"%{path.parent.name}/{path.name}"],
        ).fetchall()
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
    phantom = {
        **good,
        "op": "d",
        "before": {**good["after"], "o_orderkey": 999_999_999},
        "after": None,
        "source": {**good["source"], "lsn": good["source"]["lsn"] + 10**9},
    }
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
        (json.dumps(phantom), "delete of an unknown key"),  # would invent a deleted order
    ]
    delivered_before = orders.read_text().count("\n")
    first = _append(orders, [line for line, _ in bad])
    serving_before = file_digest(project / "data/warehouse.duckdb")

    proc = run_build(project)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-4000:]  # never blocked by a bad line
    assert "Traceback" not in out and "schema drift" not in out  # a bad line is no new column
    quarantined = _quarantined(project, orders)
    injected = [(first + i, reason) for i, (_, reason) in enumerate(bad)]
    assert set(injected) <= set(quarantined), quarantined
    # Delivered lines = accepted + quarantined for the file, counting lines (the dbt test
    # assert_cdc_events_reconcile_to_accepted_and_quarantined checks every file and day).
    con = duckdb.connect(str(project / "data/build/warehouse.duckdb"), read_only=True)
    accepted = con.execute(
        "select count(*) from intermediate.int_orders_current where last_lsn = ?", [good["source"]["lsn"]]
    ).fetchone()[0]
    assert accepted == 1  # the genuine event of the same lsn is applied
    assert con.execute(
        "select count(*) from intermediate.int_orders_current where order_id = 999999999"
    ).fetchone() == (0,)  # no phantom order
    con.close()
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
    prices = con.execute(
        "select total_price from intermediate.int_orders_current where order_id = ?", [order]
    ).fetchall()
    con.close()
    assert prices != [(1.00,)]  # neither copy applied: the forged price never lands


def test_a_corrupt_raw_file_stops_the_build_before_any_model_naming_it(build_copy):
    """A flipped byte in a landed Parquet file, then bytes that are not UTF-8 in a CDC file:
    each stops the build in one line naming the file, before dbt touches the build
    warehouse."""
    project = build_copy
    build_db, serving_db = project / "data/build/warehouse.duckdb", project / "data/warehouse.duckdb"
    before = (file_digest(build_db), file_digest(serving_db))
    lineitem = next((project / "data/raw/tpch/lineitem").glob("load_date=*/part-0.parquet"))
    data = bytearray(lineitem.read_bytes())
    data[len(data) // 2] ^= 0xFF
    lineitem.write_bytes(bytes(data))
    proc = run_build(project)
    assert proc.returncode == 2, proc.stdout[-3000:]
    assert proc.stderr.strip().splitlines() == [
        f"error: corrupt raw zone: {lineitem} differs from the file landed (SHA-256); "
        "land it again with `python -m warehouse build --regenerate`"
    ]
    assert "dbt build" not in proc.stdout.split("raw zone", 1)[0] and "START" not in proc.stdout
    data[len(data) // 2] ^= 0xFF  # repaired
    lineitem.write_bytes(bytes(data))

    cdc_file = sorted((project / "data/raw/cdc/customer").glob("load_date=*/*.ndjson"))[-1]
    lines = cdc_file.read_bytes().count(b"\n")
    cdc_file.write_bytes(cdc_file.read_bytes() + b'{"op": "u", "after": {"c_name": "\xff\xfe"}}\n')
    proc = run_build(project)
    assert proc.returncode == 2, proc.stdout[-3000:]
    assert f"error: corrupt raw zone: {cdc_file} line {lines + 1} is not UTF-8 text" in proc.stderr
    assert "Traceback" not in proc.stderr and "START" not in proc.stdout
    assert (file_digest(build_db), file_digest(serving_db)) == before


def test_a_new_source_column_is_kept_and_reported_as_drift(build_copy):
    """The source adds a column: in the CDC row images of a day (o_channel) and in a re-landed
    base extract (c_tier). The build still passes, the values are kept (staging extra_fields;
    the raw zone's Parquet), and the audit names each feed and column as schema drift."""
    from warehouse import raw_zone

    project = build_copy
    orders = _simulate_one_day(project)
    events = [json.loads(line) for line in orders.read_text().splitlines()]
    for event in events:
        if event.get("after"):
            event["after"]["o_channel"] = "web"
    orders.write_text("".join(json.dumps(e) + "\n" for e in events))
    manifest_path = project / "data/raw/tpch/_manifest.json"
    manifest = json.loads(manifest_path.read_text())
    customer = project / "data/raw" / manifest["tables"]["customer"]["path"]
    relanded = customer.with_suffix(".new")
    con = duckdb.connect()
    con.execute(f"copy (select *, 'gold' as c_tier from read_parquet('{customer}')) to '{relanded}' (format parquet)")
    con.close()
    relanded.replace(customer)
    manifest["tables"]["customer"].update(bytes=customer.stat().st_size, sha256=raw_zone.file_sha256(customer))
    manifest_path.write_text(json.dumps(manifest, indent=2))

    proc = run_build(project)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-4000:]
    assert "warning: schema drift: cdc.orders delivers column 'o_channel'" in out, out[-3000:]
    assert "warning: schema drift: tpch.customer delivers column 'c_tier'" in out, out[-3000:]
    assert out.count("warning: schema drift") == 2  # those two columns, nothing else
    report = (project / "target/contracts_report.txt").read_text()
    assert "o_channel" in report and "c_tier" in report
    con = duckdb.connect(str(project / "data/build/warehouse.duckdb"), read_only=True)
    kept = con.execute(
        'select count(*) from staging.stg_cdc__order_events where extra_fields = \'{"o_channel":"web"}\''
    ).fetchone()[0]
    con.close()
    assert kept == sum(1 for e in events if e.get("after") and e.get("op") != "d")
