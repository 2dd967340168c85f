"""Change simulator: daily source-system changes as Debezium-style CDC events.

The simulated source system is a DuckDB file ``<sim_dir>/source.duckdb`` (outside the raw
zone), initialised from the landed TPC-H base extract. Each simulated day changes it and
lands that day's change events in the raw zone::

    <raw_dir>/cdc/<table>/load_date=YYYY-MM-DD/events-0.ndjson     (table: customer, part,
                                                                    supplier, partsupp, orders,
                                                                    lineitem)
    <sim_dir>/truth/business_date=YYYY-MM-DD/<table>.parquet        ground truth after the day
    <sim_dir>/truth/business_date=YYYY-MM-DD/_report.json           event counts of the day

Every source table has ``updated_at``, the commit time (UTC) of the row's latest change
(midnight of the base business date for rows unchanged since the base extract): what a
timestamp-based extractor reads. After each simulated day :func:`simulate` runs that
extractor (warehouse.ts_extract), landing the raw zone's second CDC feed ``<raw_dir>/ts/``.

Clock: the business calendar continues TPC-H's. Day 1 is the day after the base extract's
last order date (1998-08-03 for every SF); ``load_date`` is that business date.

One event per line (NDJSON), Debezium envelope::

    {"op": "c"|"u"|"d", "before": {row}|null, "after": {row}|null,
     "source": {"connector": "tpch-simulator", "db": "tpch", "table": "customer",
                "ts_ms": <change time, ms since epoch>, "lsn": <log sequence number>},
     "ts_ms": <time the connector emitted the event>,
     "_loaded_at": <when the raw zone received the file: wall clock, ISO-8601 UTC>}

Rows carry the TPC-H column names; decimals are JSON numbers written exactly (2 decimals),
dates ISO strings. ``lsn`` increases strictly over all tables in commit order.

Changes per day (shares of the current row count, at least one each; TPC-H RF1/RF2 are the
model for orders): customers change address, phone, market segment or account balance (and
some revert to their base values: A -> B -> A across days; some change twice in a day, and
every other such second change undoes the first: A -> B -> A within the day); parts change retail price; suppliers change
address or phone; a few customers, parts and suppliers are deleted; supplier offers
(partsupp) change supply cost or available quantity, new offers are made and some are
withdrawn, and the offers of a deleted part or supplier are deleted with it (the source's
foreign keys cascade); new orders with 1-7 lines are created with the day's date, each line
of a part from one of the suppliers offering it (TPC-H's lineitem -> partsupp reference);
open orders move O -> P -> F; a few old orders are deleted with their lines.

Delivery faults: about 1 % of events are delivered twice; when a row changes twice in a day
the first (superseded) event arrives a day late, in the next day's file; a few corrupted
retransmissions of real events are added (missing key, negative quantity, unparseable
date), which the warehouse must quarantine. Ground truth is unaffected by the faults.

Everything but ``_loaded_at`` is deterministic for a given base extract and seed: selections
use MD5 of (seed, day, purpose, key), never a random generator.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb

from warehouse.raw_zone import read_manifest

CDC_TABLES: tuple[str, ...] = ("customer", "part", "supplier", "partsupp", "orders", "lineitem")
"""Source tables that emit change events (nation and region are static)."""

# Key of a partsupp row in the day's event tables: one BIGINT from (part, supplier). TPC-H has
# SF x 10,000 suppliers, so this is unique up to SF 10,000.
_OFFER_KEY = "ps_partkey * 100000000 + ps_suppkey"

SOURCE_DB = "source.duckdb"
SEGMENTS = ("AUTOMOBILE", "BUILDING", "FURNITURE", "HOUSEHOLD", "MACHINERY")
PRIORITIES = ("1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECIFIED", "5-LOW")
SHIP_INSTRUCTIONS = ("DELIVER IN PERSON", "COLLECT COD", "NONE", "TAKE BACK RETURN")
SHIP_MODES = ("REG AIR", "AIR", "RAIL", "SHIP", "TRUCK", "MAIL", "FOB")
DAY_MS = 86_400_000


class SimulationError(Exception):
    """The simulation cannot proceed; the message says why and what to do."""


@dataclass(frozen=True)
class SimulationConfig:
    """Daily change volumes as fractions of the current row count (at least 1 each)."""

    customer_change_share: float = 0.005
    customer_revert_share: float = 0.2  # of the day's customer changes: back to base values
    customer_second_change_share: float = 0.1  # of the day's changes: a 2nd change, 1st late
    part_change_share: float = 0.002
    supplier_change_share: float = 0.01
    offer_change_share: float = 0.002  # partsupp: supply cost or available quantity changes
    offer_new_share: float = 0.0005  # partsupp: new offers of a part by another supplier
    offer_withdraw_share: float = 0.0005  # partsupp: offers withdrawn (deleted)
    delete_share: float = 0.0002  # customers, parts, suppliers deleted per day
    new_order_share: float = 0.001  # of the base order count (TPC-H RF1: SF x 1,500)
    status_change_share: float = 0.0005  # of orders, for each of O->P and P->F
    order_delete_share: float = 0.0001  # of the base order count
    duplicate_share: float = 0.01  # events delivered twice
    malformed_share: float = 0.005  # corrupted retransmissions, per kind


@dataclass
class DayReport:
    """What one simulated day produced. Counts are events unless said otherwise."""

    day: int
    business_date: str
    first_lsn: int
    last_lsn: int
    changes: dict[str, int]  # genuine change events generated today, per table
    delivered: dict[str, int]  # lines written to today's files, per table
    late_held: int  # superseded events held back until tomorrow
    late_delivered: int  # yesterday's held-back events delivered today
    duplicates: int
    malformed: int


def _sql_list(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(f"'{v}'" for v in values) + "]"


def _count(share: float, n: int) -> int:
    return max(1, round(share * n))


class Simulator:
    """The simulated source system and its CDC feed.

    Args:
        raw_dir: raw zone root (the base extract must be landed there).
        sim_dir: folder for the source database and ground truth (outside the raw zone).
        seed: integer seed; a simulation continues only with the seed it started with.
        config: change volumes.

    Raises:
        SimulationError: no base extract; the base extract changed since the simulation
            started; a different seed than the one the simulation started with.
    """

    def __init__(self, raw_dir: Path, sim_dir: Path, seed: int = 42, config: SimulationConfig | None = None) -> None:
        self.raw_dir, self.sim_dir, self.seed = Path(raw_dir), Path(sim_dir), int(seed)
        self.config = config or SimulationConfig()
        manifest = read_manifest(self.raw_dir)
        if manifest is None:
            raise SimulationError(f"no TPC-H base extract in {self.raw_dir}: run `generate` first")
        self.manifest = manifest
        self.sim_dir.mkdir(parents=True, exist_ok=True)
        fresh = not (self.sim_dir / SOURCE_DB).exists()
        self.con = duckdb.connect(str(self.sim_dir / SOURCE_DB))
        self.con.execute("set preserve_insertion_order = true")
        if fresh:
            self._initialise()
        self._check_compatible()
        if not fresh:
            self._add_missing_tables()

    # ------------------------------------------------------------------ state
    def close(self) -> None:
        """Close the source database."""
        self.con.close()

    def meta(self, key: str) -> str:
        return self.con.execute("select value from sim_meta where key = ?", [key]).fetchone()[0]

    def _set_meta(self, key: str, value: object) -> None:
        self.con.execute("update sim_meta set value = ? where key = ?", [str(value), key])

    @property
    def day(self) -> int:
        """Number of days simulated so far (0 = base extract only)."""
        return int(self.meta("day"))

    @property
    def base_business_date(self) -> dt.date:
        """Last order date of the base extract; day d is this date + d days."""
        return dt.date.fromisoformat(self.meta("base_business_date"))

    def business_date(self, day: int) -> dt.date:
        return self.base_business_date + dt.timedelta(days=day)

    def _initialise(self) -> None:
        tpch = self.raw_dir / "tpch"
        for table in CDC_TABLES:
            self.con.execute(
                f"create table {table} as select * exclude (_loaded_at) from "
                f"read_parquet('{tpch}/{table}/*/*.parquet', hive_partitioning = false)"
            )
        self.con.execute("create table customer_base as select * from customer")
        base_date = self.con.execute("select max(o_orderdate) from orders").fetchone()[0]
        for table in CDC_TABLES:
            self._add_updated_at(table, base_date)
        self.con.execute("create table pending_late (tbl varchar, event_json json, lsn bigint, shuffle bigint)")
        base_date, max_key, orders = self.con.execute(
            "select max(o_orderdate), max(o_orderkey), count(*) from orders"
        ).fetchone()
        self.con.execute("create table sim_meta (key varchar primary key, value varchar)")
        self.con.executemany(
            "insert into sim_meta values (?, ?)",
            [
                ("seed", str(self.seed)),
                ("base_loaded_at", self.manifest.loaded_at),
                ("base_business_date", base_date.isoformat()),
                ("base_order_count", str(orders)),
                ("max_orderkey", str(max_key)),
                ("day", "0"),
                ("lsn", "0"),
            ],
        )
        self._write_empty_partitions()

    def _add_missing_tables(self) -> None:
        """A simulation started before a table emitted change events (partsupp until
        2026-12-02) gets it from the base extract: nothing changed it on the days simulated
        so far, so the base rows are its state, and an empty events file makes its feed exist."""
        have = {r[0] for r in self.con.execute("select table_name from duckdb_tables() where not temporary").fetchall()}
        tpch = self.raw_dir / "tpch"
        for table in CDC_TABLES:
            if table not in have:
                self.con.execute(
                    f"create table {table} as select * exclude (_loaded_at) from "
                    f"read_parquet('{tpch}/{table}/*/*.parquet', hive_partitioning = false)"
                )
        with_column = {
            r[0]
            for r in self.con.execute(
                "select table_name from duckdb_columns() where column_name = 'updated_at'"
            ).fetchall()
        }
        for table in CDC_TABLES:
            if table not in with_column:
                self._add_updated_at(table, self.base_business_date)
        self._write_empty_partitions()

    def _add_updated_at(self, table: str, base_date: dt.date) -> None:
        """Give a source table the ``updated_at`` column a timestamp-based extractor reads
        (warehouse.ts_extract): when the row last changed (UTC, the commit time of its latest
        change event). The base extract's rows, and the rows of a simulation started before the
        column existed, get midnight of the base business date: as of the base extract."""
        self.con.execute(
            f"alter table {table} add column updated_at timestamp default timestamp '{base_date} 00:00:00'"
        )
        self.con.execute(f"alter table {table} alter column updated_at drop default")

    def _write_empty_partitions(self) -> None:
        """An empty events file per table dated the base business date, so the CDC sources
        exist (and read as zero events) before the first simulated day."""
        for table in CDC_TABLES:
            part = self.raw_dir / "cdc" / table / f"load_date={self.base_business_date}"
            part.mkdir(parents=True, exist_ok=True)
            (part / "events-0.ndjson").touch(exist_ok=True)

    def _check_compatible(self) -> None:
        if self.meta("base_loaded_at") != self.manifest.loaded_at:
            raise SimulationError(
                f"the base extract was re-landed ({self.manifest.loaded_at}) after this simulation "
                f"started on the one landed {self.meta('base_loaded_at')}; reset the simulation "
                "(`simulate --reset`) and rebuild the warehouse"
            )
        if int(self.meta("seed")) != self.seed:
            raise SimulationError(
                f"this simulation runs with seed {self.meta('seed')}, not {self.seed}; "
                "use that seed or reset the simulation (`simulate --reset`)"
            )

    # ------------------------------------------------------------------ helpers
    def _h(self, day: int, purpose: str, key_sql: str) -> str:
        """SQL for a deterministic 64-bit pseudo-random number of (seed, day, purpose, key)."""
        return f"cast(md5_number_lower(concat_ws('|', '{self.seed}', '{day}', '{purpose}', {key_sql})) >> 1 as bigint)"

    def _n(self, table: str) -> int:
        return self.con.execute(f"select count(*) from {table}").fetchone()[0]

    # ------------------------------------------------------------------ one day
    # simulate_day runs one step per source table (each creates the day's temp tables of its
    # changes: before/after images as structs, keyed), then sequences them into events
    # (LSNs), applies them to the source tables (the ground truth), delivers them with the
    # feed's faults and lands the files. Every step reads the source as it was at the start of
    # the day: nothing is applied before all steps ran.
    def simulate_day(self, progress: Callable[[str], None] = print) -> DayReport:
        """Simulate the next day: change the source, land its events, write ground truth.

        Returns:
            The day's :class:`DayReport` (also written to ``truth/business_date=…/_report.json``).

        Raises:
            duckdb.Error: the source database failed; the day is rolled back (nothing landed
            is kept in the source state, and the next call simulates the same day again).
        """
        d = self.day + 1
        date = self.business_date(d)
        con = self.con
        con.execute("begin transaction")
        try:
            max_key = int(self.meta("max_orderkey"))
            self._change_customers(d)
            self._change_parts(d)
            self._change_suppliers(d)
            self._change_part_suppliers(d)
            self._change_orders(d, date)
            n_events, first_lsn = self._sequence_events(date)
            self._apply_to_source()
            late_delivered, n_dup, n_bad = self._deliver(d, n_events)
            delivered = self._land(date)
            truth = self._write_truth(date)
            changes = dict(con.execute("select tbl, count(*) from day_json group by tbl").fetchall())
            report = DayReport(
                day=d,
                business_date=date.isoformat(),
                first_lsn=first_lsn,
                last_lsn=first_lsn + n_events - 1,
                changes=changes,
                delivered=delivered,
                late_held=self._n("late_today"),
                late_delivered=late_delivered,
                duplicates=n_dup,
                malformed=n_bad,
            )
            (truth / "_report.json").write_text(json.dumps(asdict(report), indent=2, sort_keys=True) + "\n")

            max_new = con.execute("select max(o_orderkey) from new_orders").fetchone()[0]
            self._set_meta("max_orderkey", max(max_key, max_new or max_key))
            self._set_meta("lsn", first_lsn + n_events - 1)
            self._set_meta("day", d)
            temps = con.execute("select table_name from duckdb_tables() where temporary").fetchall()
            for (temp,) in temps:
                con.execute(f"drop table {temp}")
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
        progress(
            f"  day {d} ({date}): {n_events:,} change events (lsn {first_lsn:,}-{first_lsn + n_events - 1:,}); "
            f"delivered {sum(delivered.values()):,} incl. {n_dup} duplicates, {report.late_delivered} late, "
            f"{n_bad} malformed; {report.late_held} held back until tomorrow"
        )
        return report

    def _change_customers(self, d: int) -> None:
        """Customers: attribute changes (cust_first), reverts to base values (into cust_first),
        second changes the same day (cust_second), deletes (cust_delete)."""
        c, con = self.config, self.con
        h = lambda purpose, key: self._h(d, purpose, key)  # noqa: E731
        n_cust = self._n("customer")
        k = _count(c.customer_change_share, n_cust)
        con.execute(f"""
            create temp table cust_pick as
            select *, {h("cust-attr", "c_custkey")} % 4 as attr, {h("cust-val", "c_custkey")} as v
            from customer order by {h("cust", "c_custkey")}, c_custkey limit {k}""")
        con.execute(f"""
            create temp table cust_first as
            select
                struct_pack(c_custkey, c_name, c_address, c_nationkey, c_phone, c_acctbal,
                            c_mktsegment, c_comment) as before,
                struct_pack(
                    c_custkey, c_name,
                    c_address := case when attr = 0 then 'Addr ' || substr(md5(concat('{self.seed}', '{d}', c_custkey)), 1, 18) else c_address end,
                    c_nationkey,
                    c_phone := case when attr = 1 then
                        printf('%02d-%03d-%03d-%04d', 10 + c_nationkey, 100 + v % 900, 100 + (v // 1000) % 900, 1000 + (v // 1000000) % 9000)
                        else c_phone end,
                    c_acctbal := case when attr = 3 then
                        cast(least(greatest(c_acctbal + cast(((v % 200001) - 100000) / 100 as decimal(15, 2)), -999.99), 9999.99) as decimal(15, 2))
                        else c_acctbal end,
                    c_mktsegment := case when attr = 2 then
                        {_sql_list(SEGMENTS)}[1 + (list_position({_sql_list(SEGMENTS)}, c_mktsegment) + v % 4) % 5]
                        else c_mktsegment end,
                    c_comment) as after,
                c_custkey as key
            from cust_pick""")
        kr = _count(c.customer_revert_share, k)
        con.execute(f"""
            insert into cust_first
            select
                struct_pack(cur.c_custkey, cur.c_name, cur.c_address, cur.c_nationkey, cur.c_phone,
                            cur.c_acctbal, cur.c_mktsegment, cur.c_comment),
                struct_pack(cur.c_custkey, cur.c_name, c_address := base.c_address, cur.c_nationkey,
                            c_phone := base.c_phone, c_acctbal := base.c_acctbal,
                            c_mktsegment := base.c_mktsegment, cur.c_comment),
                cur.c_custkey
            from customer as cur
            inner join customer_base as base on cur.c_custkey = base.c_custkey
            where (cur.c_address, cur.c_phone, cur.c_acctbal, cur.c_mktsegment)
                  is distinct from (base.c_address, base.c_phone, base.c_acctbal, base.c_mktsegment)
              and cur.c_custkey not in (select c_custkey from cust_pick)
            order by {h("revert", "cur.c_custkey")}, cur.c_custkey limit {kr}""")
        k2 = _count(c.customer_second_change_share, k)
        # Every other second change (the 1st, 3rd, ... picked: at least one a day) undoes the
        # first (A -> B -> A within the day: the row ends the day as it began, which a
        # timestamp-based extractor sees as no change at all).
        con.execute(f"""
            create temp table cust_second as
            select after as before,
                   case when pick % 2 = 1 then before else
                   struct_pack(c_custkey := after.c_custkey, c_name := after.c_name,
                               c_address := after.c_address, c_nationkey := after.c_nationkey,
                               c_phone := after.c_phone,
                               -- always a real change: up by 1 + d, or down when that passes the cap
                               c_acctbal := cast(case
                                   when after.c_acctbal + 1 + cast(({h("cust-2nd", "key")} % 50000) / 100 as decimal(15, 2)) <= 9999.99
                                   then after.c_acctbal + 1 + cast(({h("cust-2nd", "key")} % 50000) / 100 as decimal(15, 2))
                                   else greatest(after.c_acctbal - 1 - cast(({h("cust-2nd", "key")} % 50000) / 100 as decimal(15, 2)), -999.99)
                               end as decimal(15, 2)),
                               c_mktsegment := after.c_mktsegment, c_comment := after.c_comment) end as after,
                   key
            from (
                select *, row_number() over (order by {h("cust-2nd-pick", "key")}, key) as pick from cust_first
            ) where pick <= {k2} order by pick""")
        kd = _count(c.delete_share, n_cust)
        con.execute(f"""
            create temp table cust_delete as
            select struct_pack(c_custkey, c_name, c_address, c_nationkey, c_phone, c_acctbal,
                               c_mktsegment, c_comment) as before, c_custkey as key
            from customer where c_custkey not in (select key from cust_first)
            order by {h("cust-del", "c_custkey")}, c_custkey limit {kd}""")

    def _change_parts(self, d: int) -> None:
        """Parts: retail price changes (part_change), deletes (part_delete)."""
        c, con = self.config, self.con
        h = lambda purpose, key: self._h(d, purpose, key)  # noqa: E731
        n_part = self._n("part")
        k = _count(c.part_change_share, n_part)
        con.execute(f"""
            create temp table part_change as
            select struct_pack(p_partkey, p_name, p_mfgr, p_brand, p_type, p_size, p_container,
                               p_retailprice, p_comment) as before,
                   struct_pack(p_partkey, p_name, p_mfgr, p_brand, p_type, p_size, p_container,
                               p_retailprice := cast(p_retailprice * (1 + ((({h("price", "p_partkey")}) % 2001) - 1000) / 10000.0) + 0.01 as decimal(15, 2)),
                               p_comment) as after,
                   p_partkey as key
            from part order by {h("part", "p_partkey")}, p_partkey limit {k}""")
        kd = _count(c.delete_share, n_part)
        con.execute(f"""
            create temp table part_delete as
            select struct_pack(p_partkey, p_name, p_mfgr, p_brand, p_type, p_size, p_container,
                               p_retailprice, p_comment) as before, p_partkey as key
            from part where p_partkey not in (select key from part_change)
            order by {h("part-del", "p_partkey")}, p_partkey limit {kd}""")

    def _change_suppliers(self, d: int) -> None:
        """Suppliers: address or phone changes (supp_change), deletes (supp_delete)."""
        c, con = self.config, self.con
        h = lambda purpose, key: self._h(d, purpose, key)  # noqa: E731
        n_supp = self._n("supplier")
        k = _count(c.supplier_change_share, n_supp)
        con.execute(f"""
            create temp table supp_change as
            select struct_pack(s_suppkey, s_name, s_address, s_nationkey, s_phone, s_acctbal, s_comment) as before,
                   struct_pack(s_suppkey, s_name,
                       s_address := case when v % 2 = 0 then 'Addr ' || substr(md5(concat('{self.seed}', '{d}', 's', s_suppkey)), 1, 18) else s_address end,
                       s_nationkey,
                       s_phone := case when v % 2 = 1 then printf('%02d-%03d-%03d-%04d', 10 + s_nationkey, 100 + v % 900, 100 + (v // 1000) % 900, 1000 + (v // 1000000) % 9000) else s_phone end,
                       s_acctbal, s_comment) as after,
                   s_suppkey as key
            from (select *, {h("supp-val", "s_suppkey")} as v from supplier)
            order by {h("supp", "s_suppkey")}, s_suppkey limit {k}""")
        kd = _count(c.delete_share, n_supp)
        con.execute(f"""
            create temp table supp_delete as
            select struct_pack(s_suppkey, s_name, s_address, s_nationkey, s_phone, s_acctbal, s_comment) as before,
                   s_suppkey as key
            from supplier where s_suppkey not in (select key from supp_change)
            order by {h("supp-del", "s_suppkey")}, s_suppkey limit {kd}""")

    def _change_part_suppliers(self, d: int) -> None:
        """Supplier offers (partsupp): supply cost or available quantity changes (offer_change),
        new offers of a part by a supplier not yet offering it (offer_new), withdrawn offers
        and, cascading, the offers of the parts and suppliers deleted today (offer_delete).
        Only offers of live parts and suppliers change or are made."""
        c, con = self.config, self.con
        h = lambda purpose, key: self._h(d, purpose, key)  # noqa: E731
        row = "ps_partkey, ps_suppkey, ps_availqty, ps_supplycost, ps_comment"
        con.execute("""
            create temp table live_offer as
            select * from partsupp
            where ps_partkey not in (select key from part_delete)
              and ps_suppkey not in (select key from supp_delete)""")
        n_offers = self._n("partsupp")
        k = _count(c.offer_change_share, n_offers)
        con.execute(f"""
            create temp table offer_change as
            select struct_pack({row}) as before,
                   struct_pack(ps_partkey, ps_suppkey,
                       ps_availqty := case when v % 2 = 0 then cast(1 + (v // 2) % 9999 as integer) else ps_availqty end,
                       -- a cost move of -10 % to +10 %, at least a cent, within TPC-H's 1.00-1000.00
                       ps_supplycost := case when v % 2 = 1 then cast(least(greatest(
                           ps_supplycost * (1 + (((v // 2) % 2001) - 1000) / 10000.0)
                           + case when (v // 2) % 2001 >= 1000 then 0.01 else -0.01 end,
                           1.00), 1000.00) as decimal(15, 2)) else ps_supplycost end,
                       ps_comment) as after,
                   {_OFFER_KEY} as key
            from (select *, {h("offer-val", _OFFER_KEY)} as v from live_offer)
            order by {h("offer", _OFFER_KEY)}, key limit {k}""")
        # Drop picks that change nothing (a cost already at a bound), so every event is a change.
        con.execute("delete from offer_change where before = after")
        kn = _count(c.offer_new_share, n_offers)
        con.execute(f"""
            create temp table offer_new as
            with live_supp as (
                select s_suppkey, row_number() over (order by s_suppkey) as rn from supplier
                where s_suppkey not in (select key from supp_delete)
            ),
            picks as (
                select p_partkey, 1 + {h("offer-new-supp", "p_partkey")} % (select count(*) from live_supp) as rn
                from part where p_partkey not in (select key from part_delete)
                order by {h("offer-new", "p_partkey")}, p_partkey limit {kn}
            )
            select
                picks.p_partkey as ps_partkey,
                live_supp.s_suppkey as ps_suppkey,
                cast(1 + {h("offer-qty", "picks.p_partkey")} % 9999 as integer) as ps_availqty,
                cast((100 + {h("offer-cost", "picks.p_partkey")} % 99901) / 100 as decimal(15, 2)) as ps_supplycost,
                'simulated offer' as ps_comment
            from picks
            inner join live_supp on picks.rn = live_supp.rn
            where not exists (
                select 1 from partsupp
                where partsupp.ps_partkey = picks.p_partkey and partsupp.ps_suppkey = live_supp.s_suppkey
            )""")
        kw = _count(c.offer_withdraw_share, n_offers)
        con.execute(f"""
            create temp table offer_delete as
            select * from (
                select struct_pack({row}) as before, {_OFFER_KEY} as key
                from live_offer where {_OFFER_KEY} not in (select key from offer_change)
                order by {h("offer-del", _OFFER_KEY)}, key limit {kw})
            union all
            select struct_pack({row}), {_OFFER_KEY}
            from partsupp
            where ps_partkey in (select key from part_delete) or ps_suppkey in (select key from supp_delete)""")

    def _change_orders(self, d: int, date: dt.date) -> None:
        """Orders and lines: new orders with lines (RF1: new_orders, new_lines) on live
        customers, parts and suppliers, status transitions (status_change), deletions with
        their lines (RF2: order_delete, line_delete)."""
        c, con = self.config, self.con
        h = lambda purpose, key: self._h(d, purpose, key)  # noqa: E731
        n_ord = self._n("orders")
        base_orders = int(self.meta("base_order_count"))
        k = _count(c.new_order_share, base_orders)
        max_key = int(self.meta("max_orderkey"))
        con.execute(
            "create temp table live_cust as select c_custkey, row_number() over (order by c_custkey) as rn from customer where c_custkey not in (select key from cust_delete)"
        )
        # A line orders a part from one of its suppliers: a live offer not withdrawn today.
        con.execute(f"""
            create temp table line_offer as
            select ps_partkey, ps_suppkey,
                   row_number() over (partition by ps_partkey order by ps_suppkey) as rn,
                   count(*) over (partition by ps_partkey) as n_offers
            from live_offer where {_OFFER_KEY} not in (select key from offer_delete)""")
        con.execute(
            "create temp table live_part as select p_partkey, p_retailprice, row_number() over (order by p_partkey) as rn "
            "from part where p_partkey in (select ps_partkey from line_offer)"
        )
        n_lc, n_lp = (self._n(t) for t in ("live_cust", "live_part"))
        con.execute(f"""
            create temp table new_lines as
            with orders_new as (
                select {max_key} + i as o_orderkey, 1 + {h("nlines", "i")} % 7 as n_lines
                from range(1, {k + 1}) as t(i)
            ),
            lines as (
                select o_orderkey, unnest(generate_series(1, n_lines)) as l_linenumber from orders_new
            )
            select
                lines.o_orderkey as l_orderkey,
                live_part.p_partkey as l_partkey,
                line_offer.ps_suppkey as l_suppkey,
                cast(lines.l_linenumber as integer) as l_linenumber,
                cast(1 + {h("qty", "lines.o_orderkey, lines.l_linenumber")} % 50 as decimal(15, 2)) as l_quantity,
                cast((1 + {h("qty", "lines.o_orderkey, lines.l_linenumber")} % 50) * live_part.p_retailprice as decimal(15, 2)) as l_extendedprice,
                cast(({h("disc", "lines.o_orderkey, lines.l_linenumber")} % 11) / 100 as decimal(15, 2)) as l_discount,
                cast(({h("tax", "lines.o_orderkey, lines.l_linenumber")} % 9) / 100 as decimal(15, 2)) as l_tax,
                'N' as l_returnflag,
                'O' as l_linestatus,
                cast(date '{date}' + cast(1 + {h("ship", "lines.o_orderkey, lines.l_linenumber")} % 121 as integer) as date) as l_shipdate,
                cast(date '{date}' + cast(30 + {h("commit", "lines.o_orderkey, lines.l_linenumber")} % 61 as integer) as date) as l_commitdate,
                cast(date '{date}' + cast(1 + {h("ship", "lines.o_orderkey, lines.l_linenumber")} % 121 + 1 + {h("recv", "lines.o_orderkey, lines.l_linenumber")} % 30 as integer) as date) as l_receiptdate,
                {_sql_list(SHIP_INSTRUCTIONS)}[1 + {h("instr", "lines.o_orderkey, lines.l_linenumber")} % 4] as l_shipinstruct,
                {_sql_list(SHIP_MODES)}[1 + {h("mode", "lines.o_orderkey, lines.l_linenumber")} % 7] as l_shipmode,
                'simulated order line' as l_comment
            from lines
            inner join live_part on live_part.rn = 1 + {h("part-pick", "lines.o_orderkey, lines.l_linenumber")} % {n_lp}
            inner join line_offer
                on line_offer.ps_partkey = live_part.p_partkey
                and line_offer.rn = 1 + {h("supp-pick", "lines.o_orderkey, lines.l_linenumber")} % line_offer.n_offers""")
        con.execute(f"""
            create temp table new_orders as
            select
                l_orderkey as o_orderkey,
                live_cust.c_custkey as o_custkey,
                'O' as o_orderstatus,
                cast(round(sum(l_extendedprice * (1 + l_tax) * (1 - l_discount)), 2) as decimal(15, 2)) as o_totalprice,
                date '{date}' as o_orderdate,
                {_sql_list(PRIORITIES)}[1 + {h("prio", "l_orderkey")} % 5] as o_orderpriority,
                printf('Clerk#%09d', 1 + {h("clerk", "l_orderkey")} % 1000) as o_clerk,
                0 as o_shippriority,
                'simulated order' as o_comment
            from new_lines
            inner join live_cust on live_cust.rn = 1 + {h("cust-pick", "l_orderkey")} % {n_lc}
            group by l_orderkey, live_cust.c_custkey""")
        kt = _count(c.status_change_share, n_ord)
        con.execute(f"""
            create temp table status_change as
            select * from (
                select struct_pack(o_orderkey, o_custkey, o_orderstatus, o_totalprice, o_orderdate,
                                   o_orderpriority, o_clerk, o_shippriority, o_comment) as before,
                       struct_pack(o_orderkey, o_custkey, o_orderstatus := 'F', o_totalprice, o_orderdate,
                                   o_orderpriority, o_clerk, o_shippriority, o_comment) as after,
                       o_orderkey as key
                from orders where o_orderstatus = 'P'
                order by {h("p-to-f", "o_orderkey")}, o_orderkey limit {kt})
            union all
            select * from (
                select struct_pack(o_orderkey, o_custkey, o_orderstatus, o_totalprice, o_orderdate,
                                   o_orderpriority, o_clerk, o_shippriority, o_comment),
                       struct_pack(o_orderkey, o_custkey, o_orderstatus := 'P', o_totalprice, o_orderdate,
                                   o_orderpriority, o_clerk, o_shippriority, o_comment),
                       o_orderkey
                from orders where o_orderstatus = 'O'
                order by {h("o-to-p", "o_orderkey")}, o_orderkey limit {kt})""")
        kd = _count(c.order_delete_share, base_orders)
        con.execute(f"""
            create temp table order_delete as
            select struct_pack(o_orderkey, o_custkey, o_orderstatus, o_totalprice, o_orderdate,
                               o_orderpriority, o_clerk, o_shippriority, o_comment) as before,
                   o_orderkey as key
            from orders where o_orderkey not in (select key from status_change)
            order by {h("ord-del", "o_orderkey")}, o_orderkey limit {kd}""")
        con.execute("""
            create temp table line_delete as
            select struct_pack(l_orderkey, l_partkey, l_suppkey, l_linenumber, l_quantity, l_extendedprice,
                               l_discount, l_tax, l_returnflag, l_linestatus, l_shipdate, l_commitdate,
                               l_receiptdate, l_shipinstruct, l_shipmode, l_comment) as before,
                   l_orderkey * 10 + l_linenumber as key
            from lineitem where l_orderkey in (select key from order_delete)""")

    def _sequence_events(self, date: dt.date) -> tuple[int, int]:
        """The day's genuine events in commit order, numbered by LSN (day_events), as Debezium
        JSON envelopes timed across the day (day_json); returns (event count, first LSN)."""
        con = self.con
        con.execute(f"""
            create temp table day_events as
            with ev as (
                select 'customer' as tbl, 10 as grp, key, 'u' as op, to_json(before) as before, to_json(after) as after from cust_first
                union all select 'customer', 11, key, 'u', to_json(before), to_json(after) from cust_second
                union all select 'customer', 12, key, 'd', to_json(before), null from cust_delete
                union all select 'part', 20, key, 'u', to_json(before), to_json(after) from part_change
                union all select 'part', 21, key, 'd', to_json(before), null from part_delete
                union all select 'supplier', 30, key, 'u', to_json(before), to_json(after) from supp_change
                union all select 'supplier', 31, key, 'd', to_json(before), null from supp_delete
                union all select 'partsupp', 32, key, 'u', to_json(before), to_json(after) from offer_change
                union all select 'partsupp', 33, {_OFFER_KEY}, 'c', null, to_json(o) from offer_new as o
                union all select 'partsupp', 34, key, 'd', to_json(before), null from offer_delete
                union all select 'orders', 40, o_orderkey, 'c', null, to_json(o) from new_orders as o
                union all select 'lineitem', 41, l_orderkey * 10 + l_linenumber, 'c', null, to_json(l) from new_lines as l
                union all select 'orders', 50, key, 'u', to_json(before), to_json(after) from status_change
                union all select 'orders', 60, key, 'd', to_json(before), null from order_delete
                union all select 'lineitem', 61, key, 'd', to_json(before), null from line_delete
            )
            -- Commit order: by kind of change and key; the row images break ties, as at tiny scale
            -- factors (SF < 0.01) TPC-H's partsupp formula repeats a (part, supplier) pair.
            select *, {int(self.meta("lsn"))} + row_number() over (
                order by grp, key, cast(before as varchar), cast(after as varchar)
            ) as lsn from ev""")
        n_events = self._n("day_events")
        first_lsn = int(self.meta("lsn")) + 1
        step = DAY_MS // (n_events + 1)
        day_ms = int(dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC).timestamp() * 1000)
        con.execute(f"""
            create temp table day_json as
            select tbl, lsn, key, grp,
                   json_object('op', op, 'before', before, 'after', after,
                               'source', json_object('connector', 'tpch-simulator', 'db', 'tpch', 'table', tbl,
                                                     'ts_ms', {day_ms} + (lsn - {first_lsn} + 1) * {step}, 'lsn', lsn),
                               'ts_ms', {day_ms} + (lsn - {first_lsn} + 1) * {step} + 1000) as event_json
            from day_events""")
        return n_events, first_lsn

    def _apply_to_source(self) -> None:
        """Apply the day's changes to the source tables (the ground truth)."""
        con = self.con
        for table, key, sources in (
            (
                "customer",
                "c_custkey",
                "select unnest(after) from cust_first where key not in (select key from cust_second) union all select unnest(after) from cust_second",
            ),
            ("part", "p_partkey", "select unnest(after) from part_change"),
            ("supplier", "s_suppkey", "select unnest(after) from supp_change"),
            ("orders", "o_orderkey", "select unnest(after) from status_change"),
        ):
            con.execute(f"delete from {table} where {key} in (select {key} from ({sources}))")
            con.execute(f"insert into {table} by name {sources}")
        con.execute("delete from customer where c_custkey in (select key from cust_delete)")
        con.execute("delete from part where p_partkey in (select key from part_delete)")
        con.execute("delete from supplier where s_suppkey in (select key from supp_delete)")
        con.execute(
            f"delete from partsupp where {_OFFER_KEY} in "
            "(select key from offer_change union all select key from offer_delete)"
        )
        con.execute("insert into partsupp by name select unnest(after) from offer_change")
        con.execute("insert into partsupp by name select * from offer_new")
        con.execute("delete from lineitem where l_orderkey in (select key from order_delete)")
        con.execute("delete from orders where o_orderkey in (select key from order_delete)")
        con.execute("insert into orders by name select * from new_orders")
        con.execute("insert into lineitem by name select * from new_lines")
        # updated_at: the commit time of each changed row's latest event today (what an
        # application's "updated_at = now()" would write); deleted rows are gone.
        for table, key in (
            ("customer", "c_custkey"),
            ("part", "p_partkey"),
            ("supplier", "s_suppkey"),
            ("partsupp", _OFFER_KEY),
            ("orders", "o_orderkey"),
            ("lineitem", "l_orderkey * 10 + l_linenumber"),
        ):
            con.execute(f"""
                update {table} set updated_at = changed.at
                from (
                    select key, max(make_timestamp(cast(event_json->>'$.source.ts_ms' as bigint) * 1000)) as at
                    from day_json where tbl = '{table}' group by key
                ) as changed
                where {key} = changed.key""")

    def _deliver(self, d: int, n_events: int) -> tuple[int, int, int]:
        """What the feed delivers (deliver): the day's events less the late ones (superseded
        first changes, held until tomorrow) plus yesterday's late ones, duplicates and malformed
        copies; returns (late delivered, duplicates, malformed)."""
        c, con = self.config, self.con
        h = lambda purpose, key: self._h(d, purpose, key)  # noqa: E731
        con.execute(f"""
            create temp table late_today as
            select tbl, event_json, lsn, {h("shuffle", "lsn")} as shuffle from day_json
            where grp = 10 and key in (select key from cust_second)""")
        late_delivered = self._n("pending_late")
        con.execute(f"""
            create temp table deliver as
            select tbl, event_json, lsn, {h("shuffle", "lsn")} as shuffle from day_json
            where lsn not in (select lsn from late_today)
            union all
            select tbl, event_json, lsn, shuffle from pending_late""")
        n_dup = _count(c.duplicate_share, n_events)
        con.execute(f"""
            insert into deliver
            select tbl, event_json, lsn, {h("dup-shuffle", "lsn")} from deliver
            order by {h("dup", "lsn")}, lsn limit {n_dup}""")
        bad_kinds = (
            ("customer", 10, '{"after": {"c_custkey": null}}'),  # key missing
            ("lineitem", 41, '{"after": {"l_quantity": -5}}'),  # negative quantity
            ("orders", 40, '{"after": {"o_orderdate": "1998-13-45"}}'),  # unparseable date
        )
        n_bad = 0
        for _tbl, grp, patch in bad_kinds:
            kb = _count(
                c.malformed_share,
                self.con.execute(f"select count(*) from day_json where grp = {grp}").fetchone()[0],
            )
            con.execute(f"""
                insert into deliver
                select tbl, json_merge_patch(event_json, '{patch}'), lsn, {h("bad-shuffle", "lsn")}
                from day_json where grp = {grp} and lsn not in (select lsn from late_today)
                order by {h("bad", "lsn")}, lsn limit {kb}""")
            n_bad += kb
        con.execute("delete from pending_late")
        con.execute("insert into pending_late select * from late_today")
        return late_delivered, n_dup, n_bad

    def _land(self, date: dt.date) -> dict[str, int]:
        """Write each table's delivered events to ``cdc/<table>/load_date=<date>/events-0.ndjson``
        (atomically, replacing a partial earlier landing); returns lines per table."""
        con = self.con
        delivered: dict[str, int] = {}
        # Ingestion metadata, like the base extract's _loaded_at: when the raw zone
        # received the file (wall clock, UTC). The only non-deterministic field.
        landed = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        for table in CDC_TABLES:
            part = self.raw_dir / "cdc" / table / f"load_date={date}"
            if part.exists():
                shutil.rmtree(part)
            part.mkdir(parents=True)
            lines = [
                r[0]
                for r in con.execute(
                    f"select cast(event_json as varchar) from deliver where tbl = '{table}' order by shuffle, lsn"
                ).fetchall()
            ]
            tmp = part / "events-0.ndjson.tmp"
            tmp.write_text("".join(_with_loaded_at(line, landed) + "\n" for line in lines))
            tmp.rename(part / "events-0.ndjson")
            delivered[table] = len(lines)
        return delivered

    def _write_truth(self, date: dt.date) -> Path:
        """The source tables as of the day's end, one Parquet per table, in
        ``truth/business_date=<date>/``; returns that folder."""
        con = self.con
        truth = self.sim_dir / "truth" / f"business_date={date}"
        if truth.exists():
            shutil.rmtree(truth)
        truth.mkdir(parents=True)
        order_by = {
            "customer": "c_custkey",
            "part": "p_partkey",
            "supplier": "s_suppkey",
            "partsupp": "ps_partkey, ps_suppkey",
            "orders": "o_orderkey",
            "lineitem": "l_orderkey, l_linenumber",
        }
        for table in CDC_TABLES:
            con.execute(
                f"copy (select * exclude (updated_at) from {table} order by {order_by[table]}) "
                f"to '{truth / (table + '.parquet')}' (format parquet)"
            )
        return truth


def _with_loaded_at(event_json: str, loaded_at: str) -> str:
    """The event's JSON object text with the landing's ``"_loaded_at"`` (ISO-8601 UTC) added."""
    if not event_json.endswith("}"):
        raise SimulationError(f"not a JSON object: {event_json[:80]!r}")
    return f'{event_json[:-1]},"_loaded_at":"{loaded_at}"}}'


def simulate(
    raw_dir: Path,
    sim_dir: Path,
    days: int,
    seed: int = 42,
    config: SimulationConfig | None = None,
    progress: Callable[[str], None] = print,
) -> list[DayReport]:
    """Simulate ``days`` more days after those already simulated.

    Args:
        raw_dir: raw zone root with the landed base extract.
        sim_dir: simulator state and ground truth folder (created if missing).
        days: number of days, >= 0.
        seed: the simulation's seed (fixed when it starts).
        config: change volumes (defaults: :class:`SimulationConfig`).
        progress: receives one line per day.

    After each day the timestamp-based extractor runs on the source (warehouse.ts_extract:
    the ``ts`` feed of the raw zone), as a nightly job would.

    Returns:
        One :class:`DayReport` per simulated day.

    Raises:
        SimulationError: see :class:`Simulator`; ``days`` negative.
    """
    if days < 0:
        raise SimulationError(f"--days must be 0 or more, got {days}")
    from warehouse import ts_extract

    sim = Simulator(raw_dir, sim_dir, seed, config)
    try:
        if not (Path(raw_dir) / ts_extract.TS_ZONE / ts_extract.WATERMARKS).exists():
            ts_extract.extract(raw_dir, sim_dir, con=sim.con)  # the feed exists before day 1
        reports = []
        for _ in range(days):
            reports.append(sim.simulate_day(progress))
            # The nightly timestamp-based extraction, after the day's changes (ts feed).
            ts_extract.extract(raw_dir, sim_dir, con=sim.con)
        return reports
    finally:
        sim.close()


def simulated_days(sim_dir: Path) -> int:
    """Days simulated so far in ``sim_dir`` (0 when no simulation exists)."""
    path = Path(sim_dir) / SOURCE_DB
    if not path.exists():
        return 0
    con = duckdb.connect(str(path), read_only=True)
    try:
        return int(con.execute("select value from sim_meta where key = 'day'").fetchone()[0])
    finally:
        con.close()


def cdc_load_dates(raw_dir: Path) -> list[str]:
    """Sorted ``load_date`` partitions present in the CDC zone (any table)."""
    dates: set[str] = set()
    for table in CDC_TABLES:
        folder = Path(raw_dir) / "cdc" / table
        if folder.is_dir():
            dates.update(p.name.split("=", 1)[1] for p in folder.glob("load_date=*"))
    return sorted(dates)


def reset(raw_dir: Path, sim_dir: Path) -> None:
    """Remove the simulation state, ground truth and the CDC and timestamp feeds of the raw zone."""
    shutil.rmtree(Path(sim_dir), ignore_errors=True)
    shutil.rmtree(Path(raw_dir) / "cdc", ignore_errors=True)
    shutil.rmtree(Path(raw_dir) / "ts", ignore_errors=True)


def ensure_cdc_zone(raw_dir: Path, sim_dir: Path, seed: int = 42) -> None:
    """Initialise the simulation (and the empty CDC partitions and timestamp feed) if they do
    not exist yet."""
    if not (Path(sim_dir) / SOURCE_DB).exists() or not (Path(raw_dir) / "ts").exists():
        simulate(raw_dir, sim_dir, 0, seed)


__all__ = [
    "CDC_TABLES",
    "DayReport",
    "SimulationConfig",
    "SimulationError",
    "Simulator",
    "cdc_load_dates",
    "ensure_cdc_zone",
    "reset",
    "simulate",
    "simulated_days",
]
