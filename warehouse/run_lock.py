"""One run at a time: the exclusive lock ``build`` and ``daily`` take on the build warehouse.

Two runs on one warehouse would race: the second dies on DuckDB's file lock, possibly after
landing a day it never builds. So each takes an advisory ``flock`` on a lock file beside the
build warehouse (``<warehouse>.run-lock``) before touching anything, and writes who holds it
(PID, command, start time) into the file. The kernel releases a ``flock`` when its process
dies, however it dies, so a lock left by a killed run is simply taken over by the next one.

A process that is not a run (a BI tool or a notebook pointed at the build file instead of
the serving copy) holds DuckDB's own file lock instead: the run checks it too, once it holds
the run lock, and names that process in one line before changing anything.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class RunLockHeld(RuntimeError):
    """Another run holds the warehouse's run lock, or another process has the build file
    open (DuckDB's file lock); the message names it."""


def lock_path(db_path: Path) -> Path:
    """The run-lock file of the build warehouse ``db_path``."""
    return Path(db_path).with_name(Path(db_path).name + ".run-lock")


@contextmanager
def run_lock(db_path: Path, command: str) -> Iterator[Path]:
    """Hold the run lock of the build warehouse ``db_path`` for the ``with`` block.

    Writes ``{"pid", "command", "started_at"}`` (UTC, ISO 8601) into the lock file and yields
    its path. Raises RunLockHeld, naming the holder, when another live process holds it.
    """
    path = lock_path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RunLockHeld(
                f"another run holds the warehouse: {describe_holder(path)}; wait for it to finish (lock file {path})"
            ) from None
        holder = {
            "pid": os.getpid(),
            "command": command,
            "started_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        }
        os.ftruncate(fd, 0)
        os.pwrite(fd, (json.dumps(holder) + "\n").encode(), 0)
        check_file_not_open_elsewhere(db_path)
        yield path
    finally:
        os.close(fd)  # releases the flock


def describe_holder(path: Path) -> str:
    """``python -m warehouse daily (pid 123, since 2026-12-01T09:00:00+00:00)`` from a lock
    file, or a placeholder when it holds no readable record."""
    try:
        holder = json.loads(Path(path).read_text())
        return f"`python -m warehouse {holder['command']}` (pid {holder['pid']}, since {holder['started_at']})"
    except (OSError, ValueError, KeyError, TypeError):
        return "a run that has not written its name yet"


def check_file_not_open_elsewhere(db_path: Path) -> None:
    """Raise RunLockHeld, naming the process, when another process has the DuckDB file
    ``db_path`` open (dbt would fail on DuckDB's file lock with a long traceback, after the
    run had landed a day); do nothing when the file is free or does not exist yet.

    Opens the file read-write and closes it at once (no change to the file)."""
    import duckdb

    if not Path(db_path).is_file():
        return
    try:
        duckdb.connect(str(db_path)).close()
    except duckdb.IOException as exc:
        if "lock" not in str(exc).lower():
            raise
        held = re.search(r"held in (.+?) \(PID (\d+)\)", str(exc))
        who = f"{held.group(1)} (pid {held.group(2)})" if held else "another process"
        raise RunLockHeld(
            f"the build warehouse {db_path} is open in {who}; close it and run again "
            f"(BI tools and queries read the serving warehouse, data/warehouse.duckdb by default)"
        ) from None
