"""The speed layer: schema ``live`` shows the CDC events landed since the last build, and the
next build's batch facts equal what it showed (Kappa: the batch's logic over the log).

``live.fct_orders`` and ``live.fct_order_lines`` (models/marts/live) are views: the batch
facts with the keys that events delivered after the batch's newest CDC load date touch,
recomputed at query time by the batch's own macros. The test lands one simulated day (new
orders, status changes, deletes, plus the simulator's faults: duplicate deliveries, a late
superseded event, corrupted retransmissions that must be quarantined) without building it,
reads the live views through the serving warehouse's live connection, builds, and compares
the batch facts with what the views showed, row for row and column for column.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import duckdb
import pytest
import yaml

from conftest import REPO_ROOT, VENV_BIN, build_command, run_build
from warehouse import serving

FACTS = (("fct_orders", "order_id"), ("fct_order_lines", "order_id, line_number"))


def _differences(con, left: str, right: str) -> int:
    """Rows of ``left`` not in ``right`` plus rows of ``right`` not in ``left`` (multisets)."""
    return con.execute(
        f"select (select count(*) from (select * from {left} except all select * from {right})) "
        f"+ (select count(*) from (select * from {right} except all select * from {left}))"
    ).fetchone()[0]


def _run(cmd: list[str], project: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return proc


def test_live_views_show_landed_events_and_equal_the_batch_after_the_next_build(build_copy, tmp_path):
    project = build_copy
    _, env = build_command(project)
    serving_path = project / "data/warehouse.duckdb"
    python = str(VENV_BIN / "python")
    # The views' SQL names the raw zone they read: create them for this copy's raw zone and
    # publish, as a build does.
    _run([str(VENV_BIN / "dbt"), "run", "--select", "tag:speed_layer", "--quiet"], project, env)
    serving.publish(project / "data/build/warehouse.duckdb", serving_path, project / "data/raw/cdc")
    before = serving.publication(serving_path)

    _run([python, "-m", "warehouse", "simulate", "--days", "1"], project, env)
    day = sorted((project / "data/sim/truth").glob("business_date=*"))[-1]
    report = json.loads((day / "_report.json").read_text())
    landed = day.name.split("=")[1]
    # The day carries the faults the live views must handle as the batch does.
    assert report["duplicates"] > 0 and report["malformed"] > 0 and report["changes"]["orders"] > 0, report

    shown = duckdb.connect(str(tmp_path / "shown.duckdb"))
    con = serving.open_live(serving_path)
    try:
        for fact, key in FACTS:
            live = con.execute(f"select * from live.{fact}").to_arrow_table()
            shown.register("live_rows", live)
            shown.execute(f"create table {fact} as select * from live_rows")
            shown.unregister("live_rows")
            new, newest = con.execute(
                f"select count(*), max(live.last_load_date) from live.{fact} as live "
                f"anti join marts.{fact} as batch using ({key})"
            ).fetchone()
            assert new > 0 and str(newest) == landed, (fact, new, newest)
            assert _differences(con, f"live.{fact}", f"marts.{fact}") > new, f"{fact}: no changed rows shown live"
            # A corrupted retransmission (negative quantity, missing key) never shows.
            assert con.execute(f"select count(*) from live.{fact} where order_id is null").fetchone()[0] == 0
        assert con.execute("select count(*) from live.fct_order_lines where quantity <= 0").fetchone()[0] == 0
    finally:
        con.close()
        shown.close()
    assert before.built_through is not None and str(before.built_through) < landed

    summary = _run([python, "-m", "warehouse", "live"], project, env).stdout
    assert f"batch built through {before.built_through.isoformat()}" in summary, summary
    assert f"(events through {landed})" in summary, summary

    # Every other read-only path has file access off: there the live views fail, the marts answer.
    locked = serving.open_warehouse(serving_path, read_only=True)
    try:
        with pytest.raises(duckdb.PermissionException, match="disabled by configuration"):
            locked.execute("select count(*) from live.fct_orders").fetchone()
        assert locked.execute("select count(*) from marts.fct_orders").fetchone()[0] > 0
    finally:
        locked.close()

    proc = run_build(project)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert str(serving.publication(serving_path).built_through) == landed

    # The comparison reads both files: a plain connection (the live one may read no other file).
    con = duckdb.connect(str(tmp_path / "shown.duckdb"), read_only=True)
    try:
        con.execute(f"attach '{serving_path}' as warehouse (read_only)")
        for fact, _ in FACTS:
            batch, live = f"warehouse.marts.{fact}", f"warehouse.live.{fact}"
            assert _differences(con, batch, f"main.{fact}") == 0, f"{fact} differs from what live showed"
            assert _differences(con, live, batch) == 0, f"live.{fact} differs with nothing landed"
    finally:
        con.close()


def test_live_views_document_the_batch_facts_columns():
    """live.fct_* carry the batch facts' columns: same names, order, types and descriptions
    (the yml of models/marts/live repeats them; this fails when one side changes alone)."""

    def columns(path: Path, model: str) -> list[tuple[str, str, str]]:
        node = next(m for m in yaml.safe_load(path.read_text())["models"] if m["name"] == model)
        return [(c["name"], c["data_type"], " ".join(c["description"].split())) for c in node["columns"]]

    core, live = REPO_ROOT / "models/marts/core/_core__models.yml", REPO_ROOT / "models/marts/live/_live__models.yml"
    for fact, _ in FACTS:
        assert columns(live, f"{fact}_live") == columns(core, fact), fact
