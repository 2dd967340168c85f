"""Command-line interface: ``python -m warehouse <command>``.

Commands:
    generate             land the TPC-H base extract in the raw zone
    simulate             land N more days of CDC change events (and ground truth); the
                         timestamp-based extractor runs after each day
    extract              timestamp-based CDC: land the source rows changed since each
                         table's watermark (--method timestamp; warehouse.ts_extract)
    daily                simulate the next day and build it incrementally (snapshots too)
    repair               after the raw zone was corrected: rebuild from a load date on,
                         without a full refresh of the vault; audit, publish
    register-extensions  register DuckDB extensions from their wheels (offline)
    build                land data if needed, simulate DAYS, dbt build day by day, audit,
                         publish to the serving warehouse (Write-Audit-Publish), summary
    serving              show what the serving warehouse holds (its publication)
    superset             start | stop Apache Superset on the serving warehouse (make superset)
    summary              print rows per mart of a built warehouse
    contracts            data contracts (contracts/): check, sync, test, breaking
    freshness            dbt source freshness with the source contracts' thresholds
    answer-set           acceptance test: TPC-H's 22 answers from the marts vs the official
                         answer set (warehouse.answer_set; raw zone from --generator dbgen)
    compare-engines      the marts and the 22 TPC-H answers on DuckDB vs PostgreSQL or Spark
                         (warehouse.engines); exit 1 naming every difference
    services             start | stop | status of the local PostgreSQL server and Spark
                         cluster that ``build --target postgres|spark`` use (warehouse.services)
    as-of                a question asked of the lake as it was published at a moment or
                         snapshot (time travel; warehouse.lake)
    lake                 status | maintain | export of the lake target (warehouse.lake)
    live                 the speed layer: what landed since the last build, or a question
                         asked of the serving warehouse with the live views readable

This module only parses arguments; the work is in warehouse.pipeline (build, daily, repair,
audit, publish), warehouse.cdc (simulate), warehouse.raw_zone (generate),
warehouse.contracts and warehouse.superset. Paths default to ``data/raw``, ``data/sim``,
``data/build/warehouse.duckdb`` (the build warehouse dbt writes) and ``data/warehouse.duckdb``
(the serving warehouse BI tools read) and follow ``WAREHOUSE_RAW_DIR``, ``WAREHOUSE_SIM_DIR``,
``WAREHOUSE_DB_PATH`` and ``WAREHOUSE_SERVING_PATH`` (see warehouse.pipeline).

``build``, ``daily`` and ``repair`` hold the build warehouse's run lock (warehouse.run_lock) from start
to end: a second run on the same warehouse names the holder and exits 2 before changing
anything.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from warehouse import cdc, contracts, pipeline
from warehouse.extensions import register_extensions
from warehouse.pipeline import (
    DEFAULT_DB_PATH,
    DEFAULT_RAW_DIR,
    DEFAULT_SEED,
    DEFAULT_SERVING_PATH,
    DEFAULT_SIM_DIR,
    RunPaths,
    db_path_of,
    raw_dir_of,
    serving_path_of,
    sim_dir_of,
)
from warehouse.raw_zone import GENERATORS, RawZoneError, land_tpch
from warehouse.summary import format_counts, mart_row_counts


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {text!r}") from None


def cmd_generate(ns: argparse.Namespace) -> int:
    land_tpch(ns.sf, raw_dir_of(ns.raw_dir), ns.load_date, replace=ns.replace, generator=ns.generator)
    return 0


def cmd_register_extensions(ns: argparse.Namespace) -> int:
    names = register_extensions()
    print(f"registered DuckDB extensions offline: {', '.join(names)}")
    return 0


def cmd_simulate(ns: argparse.Namespace) -> int:
    raw_dir, sim_dir = raw_dir_of(ns.raw_dir), sim_dir_of(ns.sim_dir)
    if ns.reset:
        cdc.reset(raw_dir, sim_dir)
        print(f"reset the simulation ({sim_dir}) and the CDC zone ({raw_dir / 'cdc'})")
    print(f"simulating {ns.days} day(s) of source changes (seed {ns.seed})")
    cdc.simulate(raw_dir, sim_dir, ns.days, ns.seed)
    return 0


def _paths(ns: argparse.Namespace) -> RunPaths:
    return RunPaths.resolve(ns.raw_dir, ns.db, ns.sim_dir, ns.serving)


def cmd_build(ns: argparse.Namespace) -> int:
    return pipeline.build(_paths(ns), ns.sf, ns.days, ns.seed, ns.regenerate, ns.dbt_args, ns.generator, ns.target)


def cmd_compare_engines(ns: argparse.Namespace) -> int:
    from warehouse import engines

    return engines.main(db_path_of(ns.db), raw_dir_of(ns.raw_dir), queries=not ns.no_queries, engine=ns.engine)


def cmd_services(ns: argparse.Namespace) -> int:
    from warehouse.services import PostgresService, SparkService

    # start: the PostgreSQL server unless engines are named; stop, status: every engine.
    names = ns.engines or (["postgres"] if ns.action == "start" else ["postgres", "spark"])
    unknown = sorted(set(names) - {"postgres", "spark"})
    if unknown:
        print(f"error: no service {', '.join(unknown)}; choose postgres or spark", file=sys.stderr)
        return 2
    for name in names:
        service = PostgresService.from_env() if name == "postgres" else SparkService.from_env()
        print(getattr(service, ns.action)(), flush=True)
    return 0


def cmd_daily(ns: argparse.Namespace) -> int:
    return pipeline.daily(_paths(ns), ns.seed, ns.full_test, ns.dbt_args, ns.target)


AS_OF_DEFAULT_SQL = (
    "select count(*) as orders, sum(total_price) as total_price, max(last_load_date) as built_through "
    "from marts.fct_orders"
)


def _moment(text: str) -> dt.datetime | int:
    """``as-of``'s argument: a snapshot id (digits), a UTC moment (YYYY-MM-DDTHH:MM[:SS]) or a
    day (YYYY-MM-DD: its end, 23:59:59.999999 UTC)."""
    if text.isdigit():
        return int(text)
    try:
        if len(text) == 10:
            return dt.datetime.combine(dt.date.fromisoformat(text), dt.time.max)
        return dt.datetime.fromisoformat(text).replace(tzinfo=None)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a snapshot id, YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] (UTC), got {text!r}"
        ) from None


def cmd_as_of(ns: argparse.Namespace) -> int:
    from warehouse.lake import Lake

    lake = Lake.from_env()
    if ns.list:
        for pub in lake.publications():
            print(pub.describe())
        return 0
    if ns.when is None:
        print("error: give a snapshot id, YYYY-MM-DD or YYYY-MM-DDTHH:MM (UTC), or --list", file=sys.stderr)
        return 2
    if isinstance(ns.when, int):
        pub = next((p for p in lake.publications() if p.snapshot_id == ns.when), None)
        con = lake.open_published(snapshot=ns.when)
    else:
        pub = lake.publication_at(ns.when)
        con = lake.open_published(snapshot=pub.snapshot_id)
    try:
        if pub is not None:
            print(f"the lake as published: {pub.describe()}")
        con.sql(ns.sql).show(max_rows=ns.max_rows, max_width=200)
    finally:
        con.close()
    return 0


def cmd_lake(ns: argparse.Namespace) -> int:
    from warehouse.lake import Lake

    lake = Lake.from_env()
    if ns.action == "status":
        print(lake.describe())
        pubs = lake.publications()
        files, size = lake.files()
        print(
            f"head snapshot {lake.head_snapshot()}; {len(pubs)} publication(s); "
            f"{files:,} data files, {size / 2**20:.1f} MiB"
        )
        if pubs:
            print(f"readers read {pubs[-1].describe()}")
        return 0
    if ns.action == "maintain":
        print(
            f"==> lake maintenance: merge small files, expire snapshots older than {ns.keep_days} day(s) "
            "(the publication in force then is kept), delete unreferenced files",
            flush=True,
        )
        r = lake.maintain(ns.keep_days)
        print(
            f"snapshots {r['snapshots_before']:,} -> {r['snapshots_after']:,} ({r['expired']:,} expired); "
            f"data files {r['files_before']:,} -> {r['files_after']:,}; "
            f"{r['bytes_before'] / 2**20:.1f} MiB -> {r['bytes_after'] / 2**20:.1f} MiB"
        )
        return 0
    dest = Path(ns.dest or lake.root / "export")
    manifest = lake.export(dest)
    rows = sum(t["rows"] for t in manifest["tables"])
    print(
        f"exported {len(manifest['tables'])} tables ({rows:,} rows) of snapshot {manifest['snapshot_id']} as Parquet "
        f"to {dest}/ (manifest.json lists files, rows, column types, SHA-256)"
    )
    return 0


def cmd_repair(ns: argparse.Namespace) -> int:
    return pipeline.repair(_paths(ns), ns.from_date, ns.dbt_args)


def cmd_answer_set(ns: argparse.Namespace) -> int:
    from warehouse import answer_set

    paths = _paths(ns)
    read_path = paths.db_path if ns.build else paths.serving_path
    if not read_path.exists():
        print(f"error: no warehouse at {read_path}: run `make build` first", file=sys.stderr)
        return 1
    return answer_set.main(paths.raw_dir, paths.db_path, read_path)


def cmd_serving(ns: argparse.Namespace) -> int:
    from warehouse import serving

    serving_path = serving_path_of(ns.serving)
    pub = serving.publication(serving_path)
    print(serving.describe(pub, serving_path))
    if pub is not None:
        print(format_counts(pub.mart_rows))
    return 0 if pub is not None else 1


def cmd_extract(ns: argparse.Namespace) -> int:
    import datetime as dt

    from warehouse import pipeline, ts_extract

    raw_dir, sim_dir = pipeline.raw_dir_of(ns.raw_dir), pipeline.sim_dir_of(ns.sim_dir)
    print(
        f"==> timestamp-based extraction from {sim_dir}/{ts_extract.SOURCE_DB} into {raw_dir}/{ts_extract.TS_ZONE} "
        f"(overlap {ns.overlap_minutes:g} min)",
        flush=True,
    )
    try:
        results = ts_extract.extract(raw_dir, sim_dir, dt.timedelta(minutes=ns.overlap_minutes))
    except (ts_extract.ExtractError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(ts_extract.describe(results))
    return 0


def cmd_live(ns: argparse.Namespace) -> int:
    import duckdb

    from warehouse import serving

    try:
        con = serving.open_live(serving_path_of(ns.serving))
    except serving.LiveError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    try:
        if ns.sql is None:
            print(serving.describe_live(con))
        else:
            con.sql(ns.sql).show(max_rows=ns.max_rows, max_width=200)
    except duckdb.Error as exc:
        print(f"error: {str(exc).strip().splitlines()[0]}", file=sys.stderr)
        return 1
    finally:
        con.close()
    return 0


def cmd_superset(ns: argparse.Namespace) -> int:
    from warehouse import superset

    home = Path(ns.home or os.environ.get("SUPERSET_HOME", "data/superset"))
    if ns.action == "stop":
        print("stopped Superset" if superset.stop_server(home) else f"no Superset server recorded in {home}")
        return 0
    return superset.start(home, ns.port, serving_path_of(ns.serving))


def cmd_freshness(ns: argparse.Namespace) -> int:
    return pipeline.freshness(raw_dir_of(ns.raw_dir), db_path_of(ns.db))


def cmd_summary(ns: argparse.Namespace) -> int:
    print(format_counts(mart_row_counts(db_path_of(ns.db))))
    return 0


def cmd_contracts(ns: argparse.Namespace) -> int:
    raw_dir, db_path = raw_dir_of(ns.raw_dir), db_path_of(ns.db)
    if ns.action == "check":
        return pipeline.contracts_check(raw_dir, db_path)
    if ns.action == "sync":
        changed = contracts.sync_dbt_yaml(Path("models"))
        print("updated: " + (", ".join(map(str, changed)) or "nothing (already in sync)"))
        return 0
    if ns.action == "test":
        report = Path(ns.report) if ns.report else None
        return pipeline.contracts_test(raw_dir, db_path, sim_dir_of(ns.sim_dir), report)
    if ns.action == "breaking":
        return pipeline.contracts_breaking(ns.base, Path.cwd())
    raise RuntimeError(f"unknown contracts action {ns.action}")


def _add_generator(parser: argparse.ArgumentParser, keeps_landed: bool) -> None:
    default = "the one that landed the raw zone, else " if keeps_landed else ""
    parser.add_argument(
        "--generator",
        choices=GENERATORS,
        default=None if keeps_landed else GENERATORS[0],
        help="TPC-H data generator: tpchgen (tpchgen-cli, fast) or dbgen (DuckDB's reference "
        f"dbgen, whose answers equal the official TPC-H answer set); default: {default}{GENERATORS[0]}",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for all commands."""
    parser = argparse.ArgumentParser(prog="python -m warehouse", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    gen = sub.add_parser("generate", help="land the TPC-H base extract in the raw zone")
    gen.add_argument("--sf", default="0.1", help="TPC-H scale factor (default 0.1)")
    gen.add_argument("--raw-dir", help=f"raw zone root (default $WAREHOUSE_RAW_DIR or {DEFAULT_RAW_DIR})")
    gen.add_argument("--load-date", type=_date, help="partition date YYYY-MM-DD (default: today, UTC)")
    gen.add_argument("--replace", action="store_true", help="drop a base extract of another load_date")
    _add_generator(gen, keeps_landed=False)
    gen.set_defaults(func=cmd_generate)

    sim = sub.add_parser("simulate", help="land N more days of CDC change events")
    sim.add_argument("--days", type=int, default=1, help="days to simulate (default 1)")
    sim.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"seed (default {DEFAULT_SEED})")
    sim.add_argument("--raw-dir", help="raw zone root")
    sim.add_argument("--sim-dir", help=f"simulator state and ground truth (default {DEFAULT_SIM_DIR})")
    sim.add_argument("--reset", action="store_true", help="drop the simulation and the CDC zone first")
    sim.set_defaults(func=cmd_simulate)

    day = sub.add_parser("daily", help="simulate the next day and build it incrementally")
    day.add_argument("--seed", type=int, default=DEFAULT_SEED)
    day.add_argument("--raw-dir", help="raw zone root")
    day.add_argument("--sim-dir", help="simulator state and ground truth")
    day.add_argument("--db", help="build warehouse file")
    day.add_argument("--serving", help="serving warehouse file")
    day.add_argument(
        "--full-test",
        action="store_true",
        help="run every test on every row (as make build does), not only on the day's rows",
    )
    day.add_argument(
        "--target",
        choices=["duckdb", "lake"],
        default="duckdb",
        help="duckdb (the build file, published by copy; default) or lake (the DuckLake, published by snapshot)",
    )
    day.add_argument("dbt_args", nargs="*", help="extra arguments passed to dbt build (after --)")
    day.set_defaults(func=cmd_daily)

    rep = sub.add_parser("repair", help="after correcting the raw zone: rebuild from a load date on")
    rep.add_argument(
        "--from",
        dest="from_date",
        type=_date,
        required=True,
        metavar="YYYY-MM-DD",
        help="first load date whose raw files were corrected",
    )
    rep.add_argument("--raw-dir", help="raw zone root")
    rep.add_argument("--sim-dir", help="simulator state and ground truth")
    rep.add_argument("--db", help="build warehouse file")
    rep.add_argument("--serving", help="serving warehouse file")
    rep.add_argument("dbt_args", nargs="*", help="extra arguments passed to dbt build (after --)")
    rep.set_defaults(func=cmd_repair)

    reg = sub.add_parser("register-extensions", help="register DuckDB extensions offline")
    reg.set_defaults(func=cmd_register_extensions)

    bld = sub.add_parser("build", help="land data if needed, dbt build, print a summary")
    bld.add_argument("--sf", default="0.1", help="TPC-H scale factor (default 0.1)")
    bld.add_argument("--raw-dir", help="raw zone root")
    bld.add_argument("--db", help=f"build warehouse file (default $WAREHOUSE_DB_PATH or {DEFAULT_DB_PATH})")
    bld.add_argument(
        "--serving",
        help="serving warehouse file, published after the audit "
        f"(default $WAREHOUSE_SERVING_PATH or {DEFAULT_SERVING_PATH})",
    )
    bld.add_argument("--days", type=int, default=3, help="simulated days of changes after the base (default 3)")
    bld.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"simulation seed (default {DEFAULT_SEED})")
    bld.add_argument("--sim-dir", help="simulator state and ground truth")
    bld.add_argument("--regenerate", action="store_true", help="land the data again even if present")
    _add_generator(bld, keeps_landed=True)
    bld.add_argument(
        "--target",
        choices=["duckdb", "postgres", "spark", "lake"],
        default="duckdb",
        help="engine: duckdb (the embedded file, audited and published; default), postgres "
        "(the local PostgreSQL server), spark (the local Spark cluster via its Thrift Server) or "
        "lake (a DuckLake: catalog in PostgreSQL or SQLite, Parquet data, published by snapshot); "
        "servers are started if needed (warehouse.services)",
    )
    bld.add_argument("dbt_args", nargs="*", help="extra arguments passed to dbt build (after --)")
    bld.set_defaults(func=cmd_build)

    ans = sub.add_parser(
        "answer-set", help="acceptance test: the 22 TPC-H answers from the marts vs the official answer set"
    )
    ans.add_argument("--raw-dir", help="raw zone root (its manifest gives the scale factor)")
    ans.add_argument("--db", help="build warehouse file (the analyses are compiled against it)")
    ans.add_argument("--serving", help="serving warehouse file (read by default)")
    ans.add_argument("--sim-dir", help=argparse.SUPPRESS)
    ans.add_argument("--build", action="store_true", help="read the build warehouse instead of the serving one")
    ans.set_defaults(func=cmd_answer_set)

    cmp = sub.add_parser(
        "compare-engines", help="compare the marts and TPC-H answers of the DuckDB build warehouse and another engine"
    )
    cmp.add_argument(
        "--engine",
        choices=["postgres", "spark", "lake"],
        default="postgres",
        help="the engine to compare (default postgres)",
    )
    cmp.add_argument("--db", help="DuckDB build warehouse file")
    cmp.add_argument("--raw-dir", help="raw zone root")
    cmp.add_argument("--no-queries", action="store_true", help="compare the marts only, not the 22 TPC-H answers")
    cmp.set_defaults(func=cmd_compare_engines)

    svc = sub.add_parser(
        "services", help="start | stop | status of the local PostgreSQL server and Spark cluster (TARGET=...)"
    )
    svc.add_argument("action", choices=["start", "stop", "status"])
    svc.add_argument(
        "engines",
        nargs="*",
        metavar="{postgres,spark}",
        help="which (default: start postgres; stop and status both)",
    )
    svc.set_defaults(func=cmd_services)

    con = sub.add_parser("contracts", help="data contracts: check | sync | test | breaking")
    con.add_argument(
        "action",
        choices=["check", "sync", "test", "breaking"],
        help="check: lint + compare with dbt; sync: write dbt YAML from the contracts; "
        "test: freshness + datacontract test on the warehouse; breaking: compare with --base",
    )
    con.add_argument("--base", default="main", help="git revision to compare with (breaking; default main)")
    con.add_argument("--db", help="warehouse file")
    con.add_argument("--raw-dir", help="raw zone root")
    con.add_argument("--sim-dir", help="simulator state (how many CDC days have landed)")
    con.add_argument(
        "--report",
        help="full report file (test; default contracts_report.txt in dbt's "
        "target folder, $DBT_TARGET_PATH or target/)",
    )
    con.set_defaults(func=cmd_contracts)

    srv = sub.add_parser("serving", help="show what the serving warehouse holds")
    srv.add_argument("--serving", help="serving warehouse file")
    srv.set_defaults(func=cmd_serving)

    ext = sub.add_parser("extract", help="timestamp-based CDC: land the source rows changed since the watermark")
    ext.add_argument(
        "--method",
        choices=["timestamp"],
        required=True,
        help="timestamp: rows with updated_at after each table's watermark (the log-based feed "
        "is landed by `simulate` itself)",
    )
    ext.add_argument(
        "--overlap-minutes",
        type=float,
        default=60,
        help="re-read this long before the watermark, for late commits (default 60)",
    )
    ext.add_argument("--raw-dir", help="raw zone root")
    ext.add_argument("--sim-dir", help="simulator state (the source system)")
    ext.set_defaults(func=cmd_extract)

    live = sub.add_parser(
        "live", help="the speed layer: events landed since the last build, or SQL with the live views readable"
    )
    live.add_argument("sql", nargs="?", help="query (e.g. select count(*) from live.fct_orders); default: a summary")
    live.add_argument("--serving", help="serving warehouse file")
    live.add_argument("--max-rows", type=int, default=40, help="rows shown (default 40)")
    live.set_defaults(func=cmd_live)

    sup = sub.add_parser("superset", help="start | stop Apache Superset on the serving warehouse")
    sup.add_argument("action", choices=["start", "stop"])
    sup.add_argument("--port", type=int, default=8088, help="port on 127.0.0.1 (default 8088)")
    sup.add_argument("--home", help="Superset's metadata folder (default $SUPERSET_HOME or data/superset)")
    sup.add_argument("--serving", help="serving warehouse file")
    sup.set_defaults(func=cmd_superset)

    fresh = sub.add_parser("freshness", help="dbt source freshness of the CDC feeds (thresholds from contracts)")
    fresh.add_argument("--raw-dir", help="raw zone root")
    fresh.add_argument("--db", help="build warehouse file")
    fresh.set_defaults(func=cmd_freshness)

    asof = sub.add_parser("as-of", help="ask the lake as it was published at a moment or snapshot (time travel)")
    asof.add_argument(
        "when", nargs="?", type=_moment, help="snapshot id, YYYY-MM-DD (end of day) or YYYY-MM-DDTHH:MM (UTC)"
    )
    asof.add_argument(
        "sql", nargs="?", default=AS_OF_DEFAULT_SQL, help="the question (default: orders, revenue, data through)"
    )
    asof.add_argument("--list", action="store_true", help="list every publication (snapshot, time, data through)")
    asof.add_argument("--max-rows", type=int, default=40, help="rows shown (default 40)")
    asof.set_defaults(func=cmd_as_of)

    lk = sub.add_parser("lake", help="status | maintain | export of the lake target")
    lk.add_argument("action", choices=["status", "maintain", "export"])
    lk.add_argument(
        "--keep-days", type=int, default=7, help="maintain: days of snapshots kept for time travel (default 7)"
    )
    lk.add_argument("--dest", help="export: folder (default data/lake/export)")
    lk.set_defaults(func=cmd_lake)

    summ = sub.add_parser("summary", help="print rows per mart")
    summ.add_argument("--db", help="warehouse file")
    summ.set_defaults(func=cmd_summary)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the process exit code (2 for a clear, expected error)."""
    ns = build_parser().parse_args(argv)
    try:
        return ns.func(ns)
    except (RawZoneError, cdc.SimulationError, FileNotFoundError, RuntimeError, contracts.ContractError) as exc:
        # RuntimeError includes ServiceError (services), EngineError (engines), AnswerSetError
        # (answer_set), LakeError (lake), PublishError and LiveError (serving).
        print(f"error: {exc}", file=sys.stderr)
        return 2
