"""Write-Audit-Publish (warehouse.serving): readers of the serving warehouse never block a
build and never see a half-built one; only audited builds are published.

The failed-audit cases (the serving warehouse's bytes unchanged) are in test_contracts.py,
beside the violations that fail the audit.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from conftest import REPO_ROOT, VENV_BIN, build_command

FACTS = "select count(*), sum(net_amount), max(last_load_date) from marts.fct_orders"


def _read_in_another_process(db: Path, sql: str) -> list:
    """Run ``sql`` on ``db`` opened read-only by a new process, as a BI tool would."""
    code = (
        "import duckdb, json, sys; con = duckdb.connect(sys.argv[1], read_only=True); "
        "print(json.dumps(con.execute(sys.argv[2]).fetchall(), default=str))"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(db), sql], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def test_a_reader_holding_the_serving_warehouse_never_blocks_the_build(build_copy):
    serving = build_copy / "data/warehouse.duckdb"
    reader = duckdb.connect(str(serving), read_only=True)  # held open for the whole build
    before = reader.execute(FACTS).fetchone()
    days = len(list((build_copy / "data/sim/truth").glob("business_date=*")))
    cmd, env = build_command(build_copy, days=days + 1)  # one more day of changes to publish
    build = subprocess.Popen(cmd, cwd=build_copy, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output: list[str] = []
    drain = threading.Thread(target=lambda: output.extend(build.stdout), daemon=True)
    drain.start()
    seen = []
    while build.poll() is None:
        seen.append(reader.execute(FACTS).fetchone())  # the reader keeps working, on one consistent build
        time.sleep(0.5)
    drain.join()
    out = "".join(output)
    assert build.returncode == 0, out[-4000:]
    assert len(seen) > 10 and set(seen) == {before}, "the open reader saw a changing warehouse"
    assert reader.execute(FACTS).fetchone() == before  # still on the build it opened
    reader.close()
    assert "[6/6] publish" in out
    # A new reader (another process) sees the newly published build, with the new day in it.
    after = _read_in_another_process(serving, FACTS)[0]
    assert after[2] > str(before[2]), (before, after)
    build_through = _read_in_another_process(build_copy / "data/build/warehouse.duckdb", FACTS)[0]
    assert after == build_through  # serving = the audited build
    published = _read_in_another_process(serving, "select built_through from serving.publication")
    assert published == [[after[2]]]


def test_build_refuses_to_write_the_serving_warehouse(tmp_path):
    same = tmp_path / "warehouse.duckdb"
    env = {**os.environ, "WAREHOUSE_DB_PATH": str(same), "WAREHOUSE_SERVING_PATH": str(same)}
    proc = subprocess.run(
        [str(VENV_BIN / "python"), "-m", "warehouse", "build", "--sf", "0.01"],
        env=env,
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
    )
    assert proc.returncode == 2
    assert "the same file" in proc.stderr and "WAREHOUSE_SERVING_PATH" in proc.stderr
    assert not same.exists()


def test_publish_is_a_rename_leaving_no_temporary_file(tmp_path, built_warehouse):
    from warehouse import serving

    build = tmp_path / "build.duckdb"
    build.write_bytes(built_warehouse.read_bytes())
    target = tmp_path / "serve" / "warehouse.duckdb"
    first = serving.publish(build, target)
    inode = target.stat().st_ino
    second = serving.publish(build, target)
    assert target.stat().st_ino != inode  # a new file renamed into place, not rewritten in place
    assert sorted(p.name for p in target.parent.iterdir()) == ["warehouse.duckdb"]
    assert first.mart_rows == second.mart_rows and second.published_at >= first.published_at
    assert second.built_through is not None
    con = duckdb.connect(str(build), read_only=True)  # the stamp is in the serving copy only
    assert con.execute("select count(*) from information_schema.schemata where schema_name = 'serving'").fetchone() == (
        0,
    )
    con.close()


def test_a_warehouse_built_in_place_before_publishing_is_described_then_replaced(tmp_path, built_warehouse):
    from warehouse import serving

    old = tmp_path / "warehouse.duckdb"  # as `make build` wrote it before Write-Audit-Publish
    con = duckdb.connect(str(old))
    con.execute("create schema marts; create table marts.fct_orders (order_id bigint)")
    con.close()
    assert "was not published by a build" in serving.describe(serving.publication(old), old)
    build = tmp_path / "build" / "warehouse.duckdb"
    build.parent.mkdir()
    build.write_bytes(built_warehouse.read_bytes())
    pub = serving.publish(build, old)
    assert pub.published_at is not None and "published" in serving.describe(pub, old)


@pytest.mark.parametrize("name", ["serving.duckdb", "marts.duckdb"])
def test_a_serving_file_named_after_a_schema_is_published(tmp_path, built_warehouse, name):
    from warehouse import serving
    from warehouse.summary import mart_row_counts

    build = tmp_path / "build" / "warehouse.duckdb"
    build.parent.mkdir()
    build.write_bytes(built_warehouse.read_bytes())
    target = tmp_path / name
    pub = serving.publish(build, target)
    assert pub.published_at is not None and pub.built_through is not None
    assert mart_row_counts(target) == pub.mart_rows and pub.mart_rows["fct_orders"] > 0


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_the_next_publish_removes_what_a_killed_publish_left(tmp_path, built_warehouse):
    from warehouse import serving

    build = tmp_path / "build.duckdb"
    build.write_bytes(built_warehouse.read_bytes())
    target = tmp_path / "serve" / "warehouse.duckdb"
    target.parent.mkdir()
    leftover = target.with_name(f".warehouse.duckdb.publishing-{_dead_pid()}")
    leftover.write_bytes(b"half a copy")
    serving.publish(build, target)
    assert sorted(p.name for p in target.parent.iterdir()) == ["warehouse.duckdb"]


@pytest.mark.parametrize(
    "fault, cause",
    [
        (OSError(28, "No space left on device"), "no space left on the device of"),
        (PermissionError(13, "Permission denied", "/srv/serving/x"), "permission denied: cannot write /srv/serving/x"),
    ],
)
def test_a_failed_publish_says_why_in_one_line_and_leaves_nothing(
    tmp_path, built_warehouse, capsys, monkeypatch, fault, cause
):
    import shutil

    from warehouse import pipeline

    build = tmp_path / "build.duckdb"
    build.write_bytes(built_warehouse.read_bytes())
    target = tmp_path / "serve" / "warehouse.duckdb"
    assert pipeline.publish_step(build, target) == 0
    before = target.read_bytes()

    def copy_then_fail(src, dst):  # half a copy, then the fault (as a full disk does)
        Path(dst).write_bytes(Path(src).read_bytes()[:4096])
        raise fault

    monkeypatch.setattr(shutil, "copyfile", copy_then_fail)
    capsys.readouterr()
    assert pipeline.publish_step(build, target) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: publish failed: {cause}"), err
    assert "the serving warehouse was NOT updated" in err and "Traceback" not in err
    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["warehouse.duckdb"]


def test_a_directory_in_the_way_of_the_serving_file_is_named(tmp_path, built_warehouse, capsys):
    from warehouse import pipeline

    target = tmp_path / "warehouse.duckdb"
    target.mkdir()
    assert pipeline.publish_step(built_warehouse, target) == 1
    err = capsys.readouterr().err
    assert "is a directory, not a warehouse file" in err and "NOT updated" in err
