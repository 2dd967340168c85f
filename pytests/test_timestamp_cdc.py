"""Timestamp-based CDC (warehouse/ts_extract.py) beside log-based CDC: what it misses, pinned.

The test warehouse's raw zone holds both feeds of the same simulated days. Its comparison
model ``int_cdc_capture_comparison`` must count, per table and commit date, exactly what an
independent reading of the raw files and the simulator's ground truth gives: the log's events
and keys, the deletes and intermediate states the timestamp feed cannot see, and the rows a
customer changed and changed back within the day (A -> B -> A), which the timestamp feed lands
as a version equal to the one before. The extractor itself: a re-run lands nothing and leaves
the watermarks file byte for byte; a late commit (stamped before the watermark, committed
after the run) is caught by the overlap window and missed without it; a delete lands nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path

import duckdb
import pytest

from conftest import VENV_BIN
from warehouse import ts_extract

KEYS = {t: list(k) for t, k in ts_extract.KEYS.items()}


def _log_key_days(raw_dir: Path) -> dict[tuple[str, str], dict[str, list[tuple[int, str]]]]:
    """(table, commit date) -> key -> [(lsn, op)] from the CDC NDJSON, read with Python's json:
    lines that do not parse or lack the key are left out, copies of an lsn (duplicates, corrupted
    retransmissions) counted once."""
    out: dict[tuple[str, str], dict[str, set[tuple[int, str]]]] = defaultdict(lambda: defaultdict(set))
    for table, keys in KEYS.items():
        for path in sorted((raw_dir / "cdc" / table).glob("load_date=*/*.ndjson")):
            for line in path.read_text().splitlines():
                try:
                    event = json.loads(line)
                    image = event["before"] if event["op"] == "d" else event["after"]
                    key = "-".join(str(int(image[k])) for k in keys)
                    lsn, ts_ms = int(event["source"]["lsn"]), int(event["source"]["ts_ms"])
                except (ValueError, KeyError, TypeError):
                    continue
                day = dt.datetime.fromtimestamp(ts_ms / 1000, dt.UTC).date().isoformat()
                out[(table, day)][key].add((lsn, event["op"]))
    return {k: {key: sorted(v) for key, v in keys.items()} for k, keys in out.items()}


def _truth(sim_dir: Path, raw_dir: Path, table: str, day: str | None) -> str:
    """SQL for the source table at the end of ``day`` (None: the base extract)."""
    if day is None:
        files = f"'{raw_dir}/tpch/{table}/*/*.parquet'"
        return f"(select * exclude (_loaded_at) from read_parquet({files}, hive_partitioning = false))"
    return f"read_parquet('{sim_dir}/truth/business_date={day}/{table}.parquet', hive_partitioning = false)"


def test_the_comparison_counts_what_timestamp_cdc_misses(built_warehouse, raw_dir_of_built_warehouse):
    raw_dir, sim_dir = raw_dir_of_built_warehouse, built_warehouse.parent / "sim"
    days = sorted(p.name.split("=")[1] for p in (sim_dir / "truth").glob("business_date=*"))
    assert len(days) >= 2
    log = _log_key_days(raw_dir)
    con = duckdb.connect(str(built_warehouse), read_only=True)
    try:
        rows = con.execute(
            "select table_name, cast(business_date as varchar), is_covered, log_events, log_changed_keys, ts_rows, "
            "deletes_missed, "
            "intermediate_states_missed, changed_back_keys, changed_keys_not_landed, landed_keys_without_log_event "
            "from intermediate.int_cdc_capture_comparison"
        ).fetchall()
        got = {(r[0], r[1]): r[2:] for r in rows}
        assert set(got) == {(t, d) for t in KEYS for d in days}, sorted(got)
        for (table, day), keys in sorted(log.items()):
            previous = days[days.index(day) - 1] if days.index(day) else None
            events = sum(len(v) for v in keys.values())
            deleted = sum(1 for v in keys.values() if v[-1][1] == "d")
            key_sql = " || '-' || ".join(f"cast({k} as varchar)" for k in KEYS[table])
            landed = con.execute(
                f"select count(*) from read_parquet('{raw_dir}/ts/{table}/*/*.parquet') "
                f"where cast(updated_at as date) = date '{day}'"
            ).fetchone()[0]
            # Changed back: touched twice or more that day, yet the same row at the day's end as
            # at its start (ground truth).
            touched = [k for k, v in keys.items() if len(v) >= 2 and v[-1][1] != "d"]
            changed_back = 0
            if touched:
                values = ", ".join(f"'{k}'" for k in touched)
                end, start = _truth(sim_dir, raw_dir, table, day), _truth(sim_dir, raw_dir, table, previous)
                changed_back = con.execute(f"""
                    select count(*) from (
                        select * exclude (k) from (select *, {key_sql} as k from {end}) where k in ({values})
                        intersect
                        select * exclude (k) from (select *, {key_sql} as k from {start}) where k in ({values})
                    )""").fetchone()[0]
            expected = (True, events, len(keys), landed, deleted, events - len(keys), changed_back, 0, 0)
            assert got[(table, day)] == expected, (table, day, got[(table, day)], expected)
    finally:
        con.close()
    # What the timestamp method misses, every simulated day: deletes of orders, lines and
    # offers, and on the first day (whose superseded events were delivered the next) a
    # customer changed twice and one changed back (A -> B -> A).
    for day in days:
        assert all(got[(t, day)][4] > 0 for t in ("orders", "lineitem", "partsupp")), day
    assert got[("customer", days[0])][5] >= 1 and got[("customer", days[0])][6] >= 1, got[("customer", days[0])]


@pytest.fixture()
def zone_copy(tmp_path, built_warehouse, raw_dir_of_built_warehouse) -> tuple[Path, Path]:
    """Copies of the test raw zone's ts feed and the simulator state (the source system)."""
    raw, sim = tmp_path / "raw", tmp_path / "sim"
    shutil.copytree(raw_dir_of_built_warehouse / "ts", raw / "ts")
    shutil.copytree(built_warehouse.parent / "sim", sim)
    return raw, sim


def _landed_files(raw: Path) -> list[str]:
    return sorted(str(p.relative_to(raw)) for p in (raw / "ts").rglob("*.parquet"))


def test_a_rerun_lands_nothing_and_a_late_commit_needs_the_overlap(zone_copy):
    raw, sim = zone_copy
    files, marks = _landed_files(raw), (raw / "ts" / ts_extract.WATERMARKS).read_bytes()
    assert all(r.rows == 0 for r in ts_extract.extract(raw, sim))
    assert _landed_files(raw) == files and (raw / "ts" / ts_extract.WATERMARKS).read_bytes() == marks

    watermark = dt.datetime.fromisoformat(ts_extract.read_watermarks(raw)["customer"]["watermark"])
    con = duckdb.connect(str(sim / "source.duckdb"))
    try:
        # A late commit: stamped 30 minutes before the watermark, committed after the last run.
        key = con.execute(
            "update customer set c_phone = '99-999-999-9999', updated_at = ? "
            "where c_custkey = (select min(c_custkey) from customer) returning c_custkey",
            [watermark - dt.timedelta(minutes=30)],
        ).fetchone()[0]
        # A delete: the row is gone, nothing can land.
        con.execute("delete from supplier where s_suppkey = (select max(s_suppkey) from supplier)")
    finally:
        con.close()
    without = {r.table: r.rows for r in ts_extract.extract(raw, sim, overlap=dt.timedelta(0))}
    assert without == dict.fromkeys(KEYS, 0), without
    with_overlap = {r.table: r for r in ts_extract.extract(raw, sim, overlap=dt.timedelta(hours=1))}
    assert {t: r.rows for t, r in with_overlap.items()} == {**dict.fromkeys(KEYS, 0), "customer": 1}
    landed = duckdb.sql(f"select c_custkey, c_phone from read_parquet('{with_overlap['customer'].file}')").fetchall()
    assert landed == [(key, "99-999-999-9999")]
    assert with_overlap["customer"].watermark_after == watermark  # an older stamp never moves it back


def test_the_extract_command_fails_in_one_line_without_a_source(tmp_path):
    proc = subprocess.run(
        [str(VENV_BIN / "python"), "-m", "warehouse", "extract", "--method", "timestamp",
         "--raw-dir", str(tmp_path / "raw"), "--sim-dir", str(tmp_path / "sim")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 1 and proc.stderr.strip().count("\n") == 0, proc.stderr
    assert "no simulated source system" in proc.stderr and "Traceback" not in proc.stderr
