"""History: the CDC simulator, CDC staging, incremental facts and SCD type 2 snapshots.

Most tests read the throw-away warehouse ``make test`` builds (SF 0.01 plus TEST_DAYS
simulated days, built day by day) or a copy of it, so they see the real daily pipeline.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import duckdb
import pytest

from conftest import REPO_ROOT, restore_partial_parse, reused_project_dir, run_dbt
from warehouse import cdc
from warehouse.raw_zone import land_tpch

INCREMENTAL_FACTS = (
    "fct_order_lines",
    "fct_orders",
    "fct_order_status_events",
    "fct_order_fulfillment",
    "fct_part_supplier",
)

# ground-truth (TPC-H) columns -> current-state model columns, per table
TRUTH_COLUMNS = {
    "customer": (
        "int_customers_current",
        {
            "c_custkey": "customer_id",
            "c_name": "customer_name",
            "c_address": "address",
            "c_nationkey": "nation_id",
            "c_phone": "phone",
            "c_acctbal": "account_balance",
            "c_mktsegment": "market_segment",
            "c_comment": "customer_comment",
        },
    ),
    "part": (
        "int_parts_current",
        {
            "p_partkey": "part_id",
            "p_name": "part_name",
            "p_mfgr": "manufacturer",
            "p_brand": "brand",
            "p_type": "part_type",
            "p_size": "size",
            "p_container": "container",
            "p_retailprice": "retail_price",
            "p_comment": "part_comment",
        },
    ),
    "supplier": (
        "int_suppliers_current",
        {
            "s_suppkey": "supplier_id",
            "s_name": "supplier_name",
            "s_address": "address",
            "s_nationkey": "nation_id",
            "s_phone": "phone",
            "s_acctbal": "account_balance",
            "s_comment": "supplier_comment",
        },
    ),
    "partsupp": (
        "int_part_suppliers_current",
        {
            "ps_partkey": "part_id",
            "ps_suppkey": "supplier_id",
            "ps_availqty": "available_quantity",
            "ps_supplycost": "supply_cost",
            "ps_comment": "part_supplier_comment",
        },
    ),
    "orders": (
        "int_orders_current",
        {
            "o_orderkey": "order_id",
            "o_custkey": "customer_id",
            "o_orderstatus": "order_status",
            "o_totalprice": "total_price",
            "o_orderdate": "order_date",
            "o_orderpriority": "order_priority",
            "o_clerk": "clerk",
            "o_shippriority": "ship_priority",
            "o_comment": "order_comment",
        },
    ),
    "lineitem": (
        "int_line_items_current",
        {
            "l_orderkey": "order_id",
            "l_linenumber": "line_number",
            "l_partkey": "part_id",
            "l_suppkey": "supplier_id",
            "l_quantity": "quantity",
            "l_extendedprice": "extended_price",
            "l_discount": "discount_rate",
            "l_tax": "tax_rate",
            "l_returnflag": "return_flag",
            "l_linestatus": "line_status",
            "l_shipdate": "ship_date",
            "l_commitdate": "commit_date",
            "l_receiptdate": "receipt_date",
            "l_shipinstruct": "ship_instruction",
            "l_shipmode": "ship_mode",
            "l_comment": "line_comment",
        },
    ),
}


def _hashes(db_path: Path, relations: list[str]) -> dict[str, tuple[int, int]]:
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return {r: con.execute(f"select count(*), bit_xor(hash(t)) from {r} as t").fetchone() for r in relations}
    finally:
        con.close()


def _relations(db_path: Path, schemas: tuple[str, ...] = ("marts", "snapshots")) -> list[str]:
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return [
            f"{s}.{t}"
            for s, t in con.execute(
                "select table_schema, table_name from information_schema.tables "
                f"where table_schema in {schemas} and table_type = 'BASE TABLE' order by 1, 2"
            ).fetchall()
        ]
    finally:
        con.close()


@pytest.fixture(scope="module")
def sim_dir(built_warehouse: Path) -> Path:
    return built_warehouse.parent / "sim"


@pytest.fixture(scope="module")
def truth_dates(sim_dir: Path) -> list[str]:
    dates = sorted(p.name.split("=", 1)[1] for p in (sim_dir / "truth").glob("business_date=*"))
    assert len(dates) >= 2, "make test builds at least two simulated days"
    return dates


@pytest.fixture()
def warehouse_copy(
    built_warehouse: Path, raw_dir_of_built_warehouse: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path, dict[str, str]]:
    """A copy of the built warehouse and of its raw zone, safe to change, and the environment
    for dbt run from the repository on them (artifacts in the copy's target/), in a folder
    reused by every such test of the worker, so dbt parses the project only partially."""
    where = reused_project_dir(tmp_path_factory, "warehouse_copy")
    where.mkdir(parents=True)
    db = where / "warehouse.duckdb"
    shutil.copy(built_warehouse, db)
    raw = where / "raw"
    shutil.copytree(raw_dir_of_built_warehouse, raw)
    restore_partial_parse(where)
    env = {
        "WAREHOUSE_DB_PATH": str(db),
        "WAREHOUSE_RAW_DIR": str(raw),
        "DBT_TARGET_PATH": str(where / "target"),
        "DBT_LOG_PATH": str(where / "logs"),
    }
    return db, raw, env


# ---------------------------------------------------------------------------- simulator
@pytest.fixture(scope="module")
def base_raw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    raw = tmp_path_factory.mktemp("base") / "raw"
    land_tpch(0.002, raw, dt.date(2026, 1, 1), progress=lambda _: None)
    return raw


def _simulated_copy(base_raw: Path, where: Path, runs: list[int], seed: int) -> Path:
    raw = where / "raw"
    shutil.copytree(base_raw, raw)
    for days in runs:
        cdc.simulate(raw, where / "sim", days, seed, progress=lambda _: None)
    return raw


_LOADED_AT = re.compile(rb',"_loaded_at":"[0-9T:Z-]+"}')


def _tree(root: Path) -> dict[str, bytes]:
    """File path -> bytes under root, with the landing's wall-clock ``_loaded_at`` blanked."""
    return {
        str(p.relative_to(root)): _LOADED_AT.sub(b',"_loaded_at":""}', p.read_bytes())
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_simulator_is_deterministic_for_a_seed_however_the_days_are_split(base_raw, tmp_path):
    a = _simulated_copy(base_raw, tmp_path / "a", [3], seed=5)
    b = _simulated_copy(base_raw, tmp_path / "b", [1, 2], seed=5)
    c = _simulated_copy(base_raw, tmp_path / "c", [3], seed=6)
    assert _tree(a / "cdc") == _tree(b / "cdc")
    assert _tree(tmp_path / "a" / "sim" / "truth") == _tree(tmp_path / "b" / "sim" / "truth")
    assert _tree(a / "cdc") != _tree(c / "cdc")


def test_simulated_days_carry_every_change_kind_and_delivery_fault(base_raw, tmp_path):
    raw = _simulated_copy(base_raw, tmp_path, [2], seed=5)
    report = json.loads((tmp_path / "sim" / "truth" / "business_date=1998-08-04" / "_report.json").read_text())
    assert set(report["changes"]) == set(cdc.CDC_TABLES)
    assert report["duplicates"] >= 1 and report["malformed"] >= 3
    assert report["late_delivered"] >= 1 and report["late_held"] >= 1
    events = [json.loads(line) for line in (raw / "cdc" / "orders" / "load_date=1998-08-04" / "events-0.ndjson").open()]
    assert {e["op"] for e in events} == {"c", "u", "d"}
    customer_day2 = [
        json.loads(line) for line in (raw / "cdc" / "customer" / "load_date=1998-08-04" / "events-0.ndjson").open()
    ]
    # a late event: delivered on day 2, committed (lower lsn) on day 1
    assert any(e["source"]["lsn"] < report["first_lsn"] for e in customer_day2)
    lsns = [e["source"]["lsn"] for e in events]
    assert lsns != sorted(lsns), "files are not in commit order: staging must order by lsn"
    offers = [
        json.loads(line) for line in (raw / "cdc" / "partsupp" / "load_date=1998-08-04" / "events-0.ndjson").open()
    ]
    # supply cost and quantity updates, new offers, withdrawals (and a deleted supplier's offers)
    assert {e["op"] for e in offers} == {"c", "u", "d"}
    changed = [e for e in offers if e["op"] == "u"]
    assert all(e["before"] != e["after"] for e in changed)
    moved = {k for e in changed for k in e["after"] if e["after"][k] != e["before"][k]}
    assert moved == {"ps_availqty", "ps_supplycost"}


def test_every_new_order_line_orders_a_part_from_a_supplier_offering_it(base_raw, tmp_path):
    """TPC-H's lineitem -> partsupp reference holds for the simulated orders: each new line's
    (part, supplier) is an offer in the source on the day it is ordered."""
    _simulated_copy(base_raw, tmp_path, [2], seed=5)
    truth = tmp_path / "sim" / "truth"
    con = duckdb.connect()
    for day in ("1998-08-03", "1998-08-04"):
        folder = truth / f"business_date={day}"
        new_lines, without_offer = con.execute(
            f"""select count(*), count(*) filter (where offer.ps_partkey is null)
            from '{folder}/lineitem.parquet' as line
            inner join '{folder}/orders.parquet' as o on line.l_orderkey = o.o_orderkey
            left join '{folder}/partsupp.parquet' as offer
                on line.l_partkey = offer.ps_partkey and line.l_suppkey = offer.ps_suppkey
            where o.o_orderdate = date '{day}'"""
        ).fetchone()
        assert new_lines > 0 and without_offer == 0, day


def test_simulation_refuses_a_different_seed(base_raw, tmp_path):
    raw = _simulated_copy(base_raw, tmp_path, [1], seed=5)
    with pytest.raises(cdc.SimulationError, match="seed 5, not 6"):
        cdc.simulate(raw, tmp_path / "sim", 1, seed=6)


def test_negative_days_is_a_clear_error(base_raw, tmp_path):
    with pytest.raises(cdc.SimulationError, match="0 or more"):
        cdc.simulate(base_raw, tmp_path / "sim", -1)


# ---------------------------------------------------------------------------- CDC staging
@pytest.mark.parametrize("table", sorted(TRUTH_COLUMNS))
def test_current_state_equals_the_simulators_ground_truth(built_warehouse, sim_dir, truth_dates, table):
    model, columns = TRUTH_COLUMNS[table]
    truth = sim_dir / "truth" / f"business_date={truth_dates[-1]}" / f"{table}.parquet"
    truth_cols = ", ".join(columns)
    model_cols = ", ".join(columns.values())
    con = duckdb.connect(str(built_warehouse), read_only=True)
    try:
        truth_only = con.execute(
            f"select count(*) from (select {truth_cols} from '{truth}' "
            f"except all select {model_cols} from intermediate.{model} where not is_deleted)"
        ).fetchone()[0]
        model_only = con.execute(
            f"select count(*) from (select {model_cols} from intermediate.{model} where not is_deleted "
            f"except all select {truth_cols} from '{truth}')"
        ).fetchone()[0]
        rows = con.execute(f"select count(*) from '{truth}'").fetchone()[0]
    finally:
        con.close()
    assert rows > 0
    assert (truth_only, model_only) == (0, 0)


def test_malformed_events_are_quarantined_with_their_reason(built_warehouse):
    con = duckdb.connect(str(built_warehouse), read_only=True)
    try:
        reasons = dict(
            con.execute(
                "select quarantine_reason, count(*) from intermediate.int_cdc_events_quarantined group by 1"
            ).fetchall()
        )
        payloads = con.execute(
            "select count(*) from intermediate.int_cdc_events_quarantined where raw_event is null"
        ).fetchone()[0]
    finally:
        con.close()
    assert {"missing key c_custkey", "negative quantity in l_quantity", "unparseable date in o_orderdate"} <= set(
        reasons
    )
    assert payloads == 0


# ---------------------------------------------------------------------------- SCD type 2
def _customer_states(sim_dir: Path, raw_dir: Path, dates: list[str]) -> dict[int, list[tuple]]:
    """Per customer, the distinct consecutive end-of-day states the simulator produced:
    (name, address, nation, phone, balance, segment, is_deleted)."""
    con = duckdb.connect()
    attrs = "c_name, c_address, c_nationkey, c_phone, c_acctbal, c_mktsegment"
    snapshots = [
        con.execute(
            f"select c_custkey, {attrs} "
            f"from read_parquet('{raw_dir}/tpch/customer/*/*.parquet', hive_partitioning = false)"
        ).fetchall()
    ]
    for date in dates:
        snapshots.append(
            con.execute(
                f"select c_custkey, {attrs} from '{sim_dir}/truth/business_date={date}/customer.parquet'"
            ).fetchall()
        )
    con.close()
    history: dict[int, list[tuple]] = {}
    last: dict[int, tuple] = {}
    for _day, rows in enumerate(snapshots):
        present = {r[0]: tuple(r[1:]) + (False,) for r in rows}
        for key in set(last) | set(present):
            state = present.get(key) or (last[key][:-1] + (True,))
            if history.get(key, [None])[-1] != state:
                history.setdefault(key, []).append(state)
            last[key] = state
    return history


def test_customer_type_2_history_has_exactly_the_simulated_versions(
    built_warehouse, sim_dir, raw_dir_of_built_warehouse, truth_dates
):
    expected = _customer_states(sim_dir, raw_dir_of_built_warehouse, truth_dates)
    con = duckdb.connect(str(built_warehouse), read_only=True)
    try:
        rows = con.execute(
            "select customer_id, customer_name, address, nation_id, phone, account_balance, market_segment, "
            "is_deleted from marts.dim_customer as d "
            "inner join intermediate.int_nations_joined_to_regions as n on d.nation_name = n.nation_name "
            "where customer_key <> -1 order by customer_id, valid_from"
        ).fetchall()
        current = con.execute(
            "select count(*), count(distinct customer_id) from marts.dim_customer "
            "where is_current and customer_key <> -1"
        ).fetchone()
    finally:
        con.close()
    actual: dict[int, list[tuple]] = {}
    for row in rows:
        actual.setdefault(row[0], []).append(tuple(row[1:]))
    changed = {k for k, v in expected.items() if len(v) > 1}
    assert changed, "the simulation changed no customer"
    assert {k: actual.get(k) for k in changed} == {k: expected[k] for k in changed}
    assert len(actual) == len(expected)
    assert current[0] == current[1] == len(expected), "exactly one current row per customer"
    a_b_a = [k for k in changed if any(v[i] == v[i + 2] for v in [expected[k]] for i in range(len(v) - 2))]
    assert a_b_a, "no customer went A -> B -> A: the case is not exercised"


def test_snapshot_records_a_hard_delete_as_a_new_version(warehouse_copy):
    db, _, env = warehouse_copy
    con = duckdb.connect(str(db))
    victim = con.execute(
        "select min(customer_id) from intermediate.int_customers_current where not is_deleted"
    ).fetchone()[0]
    # The CDC current state never drops a key (deletes are soft); simulate a purge upstream.
    con.execute(f"delete from intermediate.int_customers_current where customer_id = {victim}")
    con.close()
    result = run_dbt(["snapshot", "-s", "customers_snapshot"], REPO_ROOT, env)
    assert result.returncode == 0, result.stdout[-3000:]
    con = duckdb.connect(str(db), read_only=True)
    versions = con.execute(
        "select is_hard_deleted, valid_to = timestamp '9999-12-31' from snapshots.customers_snapshot "
        f"where customer_id = {victim} order by valid_from"
    ).fetchall()
    con.close()
    assert versions[-1] == ("True", True)
    assert all(not is_open for _, is_open in versions[:-1])


# ---------------------------------------------------------------------------- incremental loads
def test_incremental_models_equal_a_full_refresh_row_for_row(warehouse_copy):
    db, _, env = warehouse_copy
    relations = (
        [f"marts.{m}" for m in INCREMENTAL_FACTS]
        + [f"intermediate.{m}" for m, _ in (v for v in TRUTH_COLUMNS.values())]
        + [f"business_vault.{m}" for m in ("pit_customer", "pit_part", "bridge_order_line")]
    )
    incremental = _hashes(db, relations)
    models = [r.split(".")[1] for r in relations]
    result = run_dbt(["run", "--full-refresh", "-s", *models], REPO_ROOT, env)
    assert result.returncode == 0, result.stdout[-3000:]
    assert _hashes(db, relations) == incremental
    assert all(rows > 0 for rows, _ in incremental.values())


def test_replaying_a_days_events_twice_changes_nothing(warehouse_copy):
    db, raw, env = warehouse_copy
    relations = _relations(db)
    before = _hashes(db, relations)
    last_day = sorted(p.name for p in (raw / "cdc" / "orders").glob("load_date=*"))[-1]
    for table in cdc.CDC_TABLES:
        part = raw / "cdc" / table / last_day
        shutil.copy(part / "events-0.ndjson", part / "events-replayed.ndjson")
    result = run_dbt(["build"], REPO_ROOT, env)
    assert result.returncode == 0, result.stdout[-3000:]
    assert _hashes(db, relations) == before
