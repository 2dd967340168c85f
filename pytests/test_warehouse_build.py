"""The built warehouse (from ``make test``'s throw-away build): interface, docs, keys,
idempotency."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import REPO_ROOT, private_dbt_paths

# Public mart names and columns: an interface BI tools depend on. Add, never rename.
MART_INTERFACE = {
    "dim_date": [
        "date_key",
        "full_date",
        "year",
        "quarter",
        "month",
        "month_name",
        "day_of_month",
        "day_of_week",
        "iso_week",
        "is_weekend",
    ],
    "dim_customer": [
        "customer_key",
        "customer_id",
        "customer_name",
        "address",
        "phone",
        "account_balance",
        "market_segment",
        "nation_name",
        "region_name",
    ],
    "dim_part": [
        "part_key",
        "part_id",
        "part_name",
        "manufacturer",
        "brand",
        "part_type",
        "size",
        "container",
        "retail_price",
    ],
    "dim_supplier": [
        "supplier_key",
        "supplier_id",
        "supplier_name",
        "address",
        "phone",
        "account_balance",
        "nation_name",
        "region_name",
    ],
    "fct_order_lines": [
        "order_id",
        "line_number",
        "customer_key",
        "part_key",
        "supplier_key",
        "order_date_key",
        "ship_date_key",
        "commit_date_key",
        "receipt_date_key",
        "quantity",
        "extended_price",
        "discount_rate",
        "tax_rate",
        "net_amount",
        "gross_amount",
        "return_flag",
        "line_status",
        "ship_mode",
    ],
    "fct_orders": [
        "order_id",
        "customer_key",
        "order_date_key",
        "order_date",
        "order_status",
        "order_priority",
        "clerk",
        "ship_priority",
        "total_price",
        "line_count",
    ],
    # materialized views (issue: snowflake schema and materialized views)
    "mv_daily_revenue": ["order_date_key", "order_date", "net_revenue", "order_count", "customer_count"],
    "mv_monthly_revenue_by_region_brand": [
        "order_month_key",
        "order_year",
        "order_month",
        "region_name",
        "manufacturer",
        "brand",
        "net_revenue",
        "gross_revenue",
        "quantity",
        "line_count",
    ],
    "mv_customer_lifetime_value": [
        "customer_id",
        "customer_durable_key",
        "order_count",
        "lifetime_net_revenue",
        "first_order_date",
        "last_order_date",
    ],
    "mv_supplier_performance": [
        "supplier_id",
        "ship_month_key",
        "lines_shipped",
        "late_receipt_lines",
        "late_receipt_share",
        "net_revenue",
    ],
}


def _columns(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> list[str]:
    return [
        r[0]
        for r in con.execute(
            "select column_name from information_schema.columns "
            "where table_schema = ? and table_name = ? order by ordinal_position",
            [schema, table],
        ).fetchall()
    ]


def _content_hashes(db_path: Path, schema: str = "marts") -> dict[str, tuple[int, int]]:
    """Row count and an order-independent hash of every row, per relation in ``schema``."""
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        names = [
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables where table_schema = ?", [schema]
            ).fetchall()
        ]
        return {
            name: con.execute(f"select count(*), bit_xor(hash(t)) from {schema}.{name} as t").fetchone()
            for name in names
        }
    finally:
        con.close()


@pytest.fixture(scope="module")
def con(built_warehouse: Path):
    connection = duckdb.connect(str(built_warehouse), read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def manifest() -> dict:
    path = REPO_ROOT / "target" / "manifest.json"
    assert path.exists(), "target/manifest.json missing: run `make test`"
    return json.loads(path.read_text())


@pytest.mark.parametrize("mart", sorted(MART_INTERFACE))
def test_marts_keep_their_public_names_and_columns(con, mart):
    columns = _columns(con, "marts", mart)
    missing = [c for c in MART_INTERFACE[mart] if c not in columns]
    assert columns, f"marts.{mart} does not exist"
    assert not missing, f"marts.{mart} lost public columns {missing}"


def _spec_key(*parts: object) -> int:
    """integer_surrogate_key's spec, independently: first 15 hex digits of md5('a-b-...')."""
    return int(hashlib.md5("-".join(str(p) for p in parts).encode()).hexdigest()[:15], 16)


@pytest.mark.parametrize("entity", ["customer", "part", "supplier"])
def test_surrogate_keys_are_derived_from_business_key_and_version_start(con, entity):
    rows = con.execute(
        f"select {entity}_key, {entity}_durable_key, {entity}_id, cast(valid_from as varchar) from marts.dim_{entity} "
        f"where {entity}_key <> -1 order by {entity}_id, valid_from limit 200"
    ).fetchall()
    assert rows
    for version_key, durable_key, natural, valid_from in rows:
        assert durable_key == _spec_key(natural)
        assert version_key == _spec_key(natural, valid_from)


def test_every_model_seed_and_column_is_documented(con, manifest):
    undocumented = []
    for node in manifest["nodes"].values():
        if node["resource_type"] not in ("model", "seed", "snapshot") or node["package_name"] != "tpch_warehouse":
            continue
        if not node["description"].strip():
            undocumented.append(node["unique_id"])
        documented = {c for c, meta in node["columns"].items() if meta["description"].strip()}
        for column in _columns(con, node["schema"], node["alias"]):
            if column not in documented:
                undocumented.append(f"{node['unique_id']}.{column}")
    assert not undocumented, f"missing descriptions: {undocumented}"


def test_every_source_table_column_and_macro_is_documented(manifest):
    undocumented = []
    for source in manifest["sources"].values():
        if not source["description"].strip():
            undocumented.append(source["unique_id"])
        undocumented += [
            f"{source['unique_id']}.{c}" for c, meta in source["columns"].items() if not meta["description"].strip()
        ]
    for macro in manifest["macros"].values():
        if macro["package_name"] == "tpch_warehouse" and not macro["description"].strip():
            undocumented.append(macro["unique_id"])
    assert not undocumented, f"missing descriptions: {undocumented}"


def test_every_exposure_semantic_model_metric_and_saved_query_is_documented(manifest):
    undocumented = []
    for kind in ("exposures", "metrics", "saved_queries", "semantic_models"):
        for node in manifest[kind].values():
            if not (node.get("description") or "").strip():
                undocumented.append(node["unique_id"])
            for part in ("entities", "dimensions", "measures"):
                undocumented += [
                    f"{node['unique_id']}.{part}.{item['name']}"
                    for item in node.get(part, [])
                    if not (item.get("description") or "").strip()
                ]
    assert manifest["semantic_models"] and manifest["metrics"] and manifest["exposures"]
    assert not undocumented, f"missing descriptions: {undocumented}"


def test_every_model_has_a_primary_key_test(manifest):
    tested: dict[str, set[str]] = {}
    for node in manifest["nodes"].values():
        if node["resource_type"] == "test" and node.get("test_metadata"):
            for parent in node["depends_on"]["nodes"]:
                tested.setdefault(parent, set()).add(node["test_metadata"]["name"])
    lacking = [
        uid
        for uid, node in manifest["nodes"].items()
        if node["resource_type"] == "model"
        and not node["config"].get("meta", {}).get("primary_key_exempt")
        and not (
            {"unique", "not_null"} <= tested.get(uid, set())
            or "unique_combination_of_columns" in tested.get(uid, set())
        )
    ]
    assert not lacking, f"models without a primary-key test: {lacking}"


def test_rebuilding_with_no_new_data_changes_nothing(built_warehouse, raw_dir_of_built_warehouse, tmp_path):
    copy = tmp_path / "rebuild.duckdb"
    shutil.copy(built_warehouse, copy)
    schemas = ("marts", "marts_snowflake", "snapshots", "vault", "business_vault")
    before = {(s, k): v for s in schemas for k, v in _content_hashes(copy, s).items()}
    manifest_sf = json.loads((raw_dir_of_built_warehouse / "tpch" / "_manifest.json").read_text())["scale_factor"]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "warehouse",
            "build",
            "--sf",
            str(manifest_sf),
            "--days",
            "0",
            "--raw-dir",
            str(raw_dir_of_built_warehouse),
            "--db",
            str(copy),
            "--serving",
            str(tmp_path / "serving.duckdb"),
            "--sim-dir",
            str(built_warehouse.parent / "sim"),
        ],
        cwd=REPO_ROOT,
        env={**os.environ, **private_dbt_paths()},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "not regenerating" in result.stdout and "nothing to simulate" in result.stdout
    after = {(s, k): v for s in schemas for k, v in _content_hashes(copy, s).items()}
    assert after == before, "a re-run with no new data changed the marts or the vault, or added snapshot rows"


# A warning line of dbt ("[WARNING]", a test at severity warn), of Python ("…Warning:"), of the
# CLI ("warning: …") or a tally of warnings ("3 warning"); dbt's "WARN=0" is none.
_WARNING_LINE = re.compile(
    r"\[WARNING\]|\bWARN\b(?!=)|\b[A-Za-z]*Warning:|\bwarning:|\b[1-9]\d* warnings?\b", re.IGNORECASE
)


def test_the_test_build_prints_no_warning(built_warehouse):
    """Zero noise: `make test`'s build (make dbt-test-build, logged beside the warehouse) prints
    no warning at all, so a new one, from dbt, Python or the project, fails here."""
    log = built_warehouse.parent / "build.log"
    assert log.exists(), f"{log} is missing: make dbt-test-build writes it (make test runs it)"
    text = log.read_text()
    assert "audit passed" in text and "[6/6] publish" in text, "not the log of a whole build"
    warnings = [line for line in text.splitlines() if _WARNING_LINE.search(line)]
    assert warnings == [], "\n".join(warnings[:20])


def test_mart_example_queries_run(con, manifest):
    """Every public mart in schema marts shows an example query (models/marts/_marts__examples.md)
    in its description, and each example runs on the test warehouse and returns rows."""
    text = (REPO_ROOT / "models" / "marts" / "_marts__examples.md").read_text()
    examples = dict(re.findall(r"{% docs (\w+) %}(.*?){% enddocs %}", text, re.S))
    assert len(examples) >= 10
    public = {
        node["name"]: node["description"]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node.get("access") == "public" and node["schema"] == "marts"
    }
    without_example = sorted(name for name, description in public.items() if "```sql" not in description)
    assert not without_example, f"public marts without an example query: {without_example}"
    for name, body in examples.items():
        assert any(body.strip() in description for description in public.values()), f"docs block {name} is unused"
        sql = re.search(r"```sql\n(.*?)```", body, re.S).group(1)
        assert con.execute(sql).fetchall(), f"example {name} returns no rows"


def test_the_charts_are_drawn_from_the_warehouse_and_the_bench_history(built_warehouse, tmp_path):
    """make charts (scripts/charts.py): the SCD type 2 timeline of the customer with the most
    versions, and the make-test history, both written as PNG files."""
    proc = subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "charts.py"), str(built_warehouse), str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    versions = int(re.search(r"customer \d+: (\d+) versions", proc.stdout).group(1))
    assert versions >= 2  # the test build's CDC days change some customer
    for name in ("scd2_customer_history.png", "bench_make_test.png"):
        assert (tmp_path / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
