"""One run at a time (warehouse.run_lock): ``build``, ``daily`` and ``repair`` lock the build warehouse;
a second run names the holder and exits 2 before touching anything; a killed run's lock is
taken over."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from conftest import REPO_ROOT, VENV_BIN
from warehouse.run_lock import RunLockHeld, lock_path, run_lock


def _cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "WAREHOUSE_RAW_DIR": str(tmp_path / "raw"),
        "WAREHOUSE_SIM_DIR": str(tmp_path / "sim"),
        "WAREHOUSE_DB_PATH": str(tmp_path / "build" / "warehouse.duckdb"),
        "WAREHOUSE_SERVING_PATH": str(tmp_path / "warehouse.duckdb"),
    }
    return subprocess.run(
        [str(VENV_BIN / "python"), "-m", "warehouse", *args], cwd=REPO_ROOT, env=env, capture_output=True, text=True
    )


def test_a_second_run_names_the_holder_and_exits_2_touching_nothing(tmp_path):
    db = tmp_path / "build" / "warehouse.duckdb"
    with run_lock(db, "daily"):
        for command in (["daily"], ["build", "--sf", "0.01", "--days", "1"], ["repair", "--from", "1998-08-03"]):
            proc = _cli(tmp_path, *command)
            assert proc.returncode == 2, proc.stdout + proc.stderr
            lines = proc.stderr.strip().splitlines()
            assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
            assert "another run holds the warehouse" in lines[0]
            assert f"`python -m warehouse daily` (pid {os.getpid()}, since " in lines[0]
            assert proc.stdout == ""
    assert not (tmp_path / "raw").exists() and not (tmp_path / "sim").exists()  # nothing landed


def test_the_lock_of_a_killed_run_is_taken_over(tmp_path):
    db = tmp_path / "warehouse.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from warehouse.run_lock import run_lock\n"
            "with run_lock(sys.argv[1], 'build'):\n    print('held', flush=True); time.sleep(600)",
            str(db),
        ],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        try:
            with run_lock(db, "daily"):
                raise AssertionError("took a lock a live process holds")
        except RunLockHeld as held:
            assert f"pid {holder.pid}" in str(held)
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert f'"pid": {holder.pid}' in lock_path(db).read_text()  # the dead run's record is left behind
    started = time.monotonic()
    with run_lock(db, "daily") as path:
        assert f'"pid": {os.getpid()}' in path.read_text()
    assert time.monotonic() - started < 5


def test_a_process_holding_the_build_file_is_named_in_one_line_before_anything_changes(tmp_path):
    db = tmp_path / "build" / "warehouse.duckdb"
    db.parent.mkdir()
    duckdb.connect(str(db)).close()
    reader = subprocess.Popen(  # a BI tool pointed at the build file instead of the serving copy
        [
            sys.executable,
            "-c",
            "import sys, time, duckdb\ncon = duckdb.connect(sys.argv[1], read_only=True)\n"
            "print('open', flush=True); time.sleep(600)",
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout.readline().strip() == "open"
        for command in (["daily"], ["build", "--sf", "0.01", "--days", "1"], ["repair", "--from", "1998-08-03"]):
            proc = _cli(tmp_path, *command)
            assert proc.returncode == 2, proc.stdout + proc.stderr
            lines = proc.stderr.strip().splitlines()
            assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
            assert lines[0].startswith(f"error: the build warehouse {db} is open in "), lines[0]
            assert f"(pid {reader.pid})" in lines[0], lines[0]
            assert proc.stdout == ""
    finally:
        reader.kill()
        reader.wait()
    assert not (tmp_path / "raw").exists() and not (tmp_path / "sim").exists()  # nothing landed
