"""Data contracts (contracts/, warehouse.contracts): consistency with dbt, breaking changes,
and `python -m warehouse build` failing clearly on each kind of contract violation."""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest
import yaml

from conftest import REPO_ROOT, VENV_BIN, file_digest, run_build, run_dbt
from warehouse import cdc, contracts

MARTS = REPO_ROOT / "contracts" / "marts"


@pytest.fixture(scope="module")
def manifest(tmp_path_factory) -> dict:
    """The project's manifest from `dbt parse` (no warehouse needed)."""
    target = tmp_path_factory.mktemp("target")
    proc = run_dbt(["parse", "--target-path", str(target)], REPO_ROOT, {"WAREHOUSE_DB_PATH": ":memory:"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads((target / "manifest.json").read_text())


def test_every_mart_has_a_valid_contract_consistent_with_dbt(manifest, tmp_path):
    marts = {n["alias"] for n in manifest["nodes"].values() if n["resource_type"] == "model" and n["schema"] == "marts"}
    assert marts == {p.name.removesuffix(".odcs.yaml") for p in MARTS.glob("*.odcs.yaml")}
    sources = {f"{s['source_name']}_{s['name']}" for s in manifest["sources"].values()}
    assert sources == {p.name.removesuffix(".odcs.yaml") for p in (REPO_ROOT / "contracts/sources").glob("*")}
    # An empty cache: every contract is validated by datacontract-cli here.
    assert contracts.lint(contracts.contract_paths(REPO_ROOT / "contracts"), cache=tmp_path / "lint") == []
    assert contracts.check_project(manifest, REPO_ROOT / "contracts") == []
    for path in contracts.contract_paths(REPO_ROOT / "contracts"):
        contract = contracts.load_contract(path)
        assert contract["team"]["name"] and contract["status"] in ("active", "deprecated")
        assert re.fullmatch(r"\d+\.\d+\.\d+", contract["version"])
        assert contracts.sla(contract, "retention")
        # every feed has a freshness SLA but the base extract (a one-time snapshot)
        assert (contracts.sla(contract, "freshness") is None) == contracts.is_base_extract(contract)
        assert contracts.is_base_extract(contract) == path.name.startswith("tpch_")
    # before the first CDC day (DAYS=0) the audit leaves out exactly the CDC-fed contracts
    skipped = {
        p.name.removesuffix(".odcs.yaml")
        for p in contracts.contract_paths(REPO_ROOT / "contracts")
        if contracts.requires_cdc_feed(contracts.load_contract(p))
    }
    tables = ("customer", "part", "supplier", "partsupp", "orders", "lineitem")
    assert skipped == {f"{feed}_{t}" for feed in ("cdc", "ts") for t in tables} | {"fct_order_status_events"}


def test_check_names_every_mismatch_between_dbt_yaml_and_contract(manifest):
    contract = contracts.load_contract(MARTS / "fct_orders.odcs.yaml")
    broken = copy.deepcopy(manifest)
    node = broken["nodes"]["model.tpch_warehouse.fct_orders"]
    node["columns"]["net_amount"]["data_type"] = "varchar"
    del node["columns"]["clerk"]
    node["columns"]["order_id"]["constraints"] = []
    node["access"] = "protected"
    node["config"]["contract"]["enforced"] = False
    messages = contracts.dbt_mismatches(contract, broken)
    text = "\n".join(messages)
    assert "column net_amount: dbt data_type 'varchar', contract physicalType 'DECIMAL(18,4)'" in text
    assert "column clerk is in the contract but not in the dbt YAML" in text
    assert "column order_id: dbt constraints [], contract implies ['not_null', 'primary_key']" in text
    assert "access is 'protected'" in text and "not enforced" in text
    assert len(messages) == 5

    # and from the contract side: a contract column dbt does not have, a changed type
    edited = copy.deepcopy(contract)
    props = edited["schema"][0]["properties"]
    props.append({"name": "margin", "physicalType": "DECIMAL(18,4)", "logicalType": "number"})
    props[0]["physicalType"] = "INTEGER"
    text = "\n".join(contracts.dbt_mismatches(edited, manifest))
    assert "column margin is in the contract but not in the dbt YAML" in text
    assert "column order_id: dbt data_type 'BIGINT', contract physicalType 'INTEGER'" in text


def test_source_freshness_thresholds_come_from_the_source_contracts(manifest):
    node = manifest["sources"]["source.tpch_warehouse.cdc.orders"]
    contract = contracts.load_contract(REPO_ROOT / "contracts/sources/cdc_orders.odcs.yaml")
    fresh = contracts.sla(contract, "freshness")
    assert node["freshness"]["error_after"] == {"count": fresh["value"], "period": "day"}
    stale = copy.deepcopy(contract)
    contracts.sla(stale, "freshness")["value"] = 1
    assert contracts.dbt_mismatches(stale, manifest) == [
        f"{contract['id']} vs dbt source cdc.orders: freshness error_after is {fresh['value']} day, "
        "the contract's freshness SLA is 1 day"
    ]


# --------------------------------------------------------------------------- breaking changes
def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture()
def contract_repo(tmp_path: Path) -> Path:
    """A git repo whose main branch holds contracts/marts/fct_orders.odcs.yaml."""
    repo = tmp_path / "repo"
    (repo / "contracts/marts").mkdir(parents=True)
    shutil.copy(MARTS / "fct_orders.odcs.yaml", repo / "contracts/marts/fct_orders.odcs.yaml")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "-c", "user.email=t@example.com", "-c", "user.name=t", "add", ".")
    _git(repo, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "-m", "v1")
    return repo


def _edit(repo: Path, change) -> None:
    path = repo / "contracts/marts/fct_orders.odcs.yaml"
    contract = yaml.safe_load(path.read_text())
    change(contract, {p["name"]: p for p in contract["schema"][0]["properties"]})
    path.write_text(yaml.safe_dump(contract, sort_keys=False))


def _remove(c, p):
    c["schema"][0]["properties"].remove(p["clerk"])


def _rename(c, p):
    p["clerk"]["name"] = "clerk_name"


def _retype(c, p):
    p["net_amount"]["physicalType"] = "INTEGER"
    p["net_amount"]["logicalType"] = "integer"


def _optional(c, p):
    p["customer_key"]["required"] = False


def _required(c, p):
    p["clerk"]["required"] = True


def _rekey(c, p):
    p["customer_key"]["primaryKey"] = True
    p["customer_key"]["primaryKeyPosition"] = 2


BREAKING = {
    "removed": (_remove, "clerk"),
    "renamed": (_rename, "clerk"),
    "type": (_retype, "net_amount"),
    "required_to_optional": (_optional, "customer_key"),
    "optional_to_required": (_required, "clerk"),
    "primary_key": (_rekey, "customer_key"),
}


@pytest.mark.parametrize("kind", sorted(BREAKING))
def test_breaking_change_fails_naming_the_field_unless_the_major_version_is_bumped(contract_repo, kind):
    change, field = BREAKING[kind]
    _edit(contract_repo, change)
    found = contracts.breaking_against("main", contract_repo)
    messages = found["contracts/marts/fct_orders.odcs.yaml"]
    assert any(field in m for m in messages), messages

    _edit(contract_repo, lambda c, p: c.update(version="2.0.0"))
    assert contracts.breaking_against("main", contract_repo) == {}


def test_compatible_contract_edits_pass(contract_repo):
    def compatible(c, p):
        c["schema"][0]["properties"].append(
            {"name": "margin", "logicalType": "number", "physicalType": "DECIMAL(18,4)", "required": False}
        )
        p["clerk"]["description"] = "Clerk who took the order (reworded)."
        p["net_amount"].setdefault("quality", []).append(
            {"type": "sql", "query": "select count(*) from {object} where net_amount > 1e9", "mustBe": 0}
        )
        c["version"] = "1.1.0"

    _edit(contract_repo, compatible)
    assert contracts.breaking_against("main", contract_repo) == {}
    proc = subprocess.run(
        [str(VENV_BIN / "python"), "-m", "warehouse", "contracts", "breaking"],
        cwd=contract_repo,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "no breaking contract changes against main" in proc.stdout


def test_breaking_command_exits_non_zero_naming_the_contract_and_field(contract_repo):
    _edit(contract_repo, _remove)
    proc = subprocess.run(
        [str(VENV_BIN / "python"), "-m", "warehouse", "contracts", "breaking", "--base", "main"],
        cwd=contract_repo,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    assert proc.returncode == 1
    assert "BREAKING contracts/marts/fct_orders.odcs.yaml" in proc.stdout and "clerk" in proc.stdout


# --------------------------------------------------------------------------- build fails on violations
def _serving_left_untouched(project: Path, digest_before: str, out: str) -> None:
    """Write-Audit-Publish: a failed build or audit never publishes, and says so."""
    assert file_digest(project / "data/warehouse.duckdb") == digest_before
    assert "the serving warehouse was NOT updated" in out, out[-3000:]


def test_lint_remembers_only_passing_contracts_by_their_exact_text(tmp_path, monkeypatch):
    from datacontract.data_contract import DataContract

    good, bad = tmp_path / "good.odcs.yaml", tmp_path / "bad.odcs.yaml"
    good.write_text((MARTS / "dim_date.odcs.yaml").read_text())
    bad.write_text((MARTS / "dim_date.odcs.yaml").read_text().replace("apiVersion:", "apiVersionTypo:", 1))
    cache = tmp_path / "cache"
    first = contracts.lint([good, bad], cache=cache)
    assert len(first) == 1 and first[0].startswith(f"{bad}: "), first
    assert len(list(cache.iterdir())) == 1  # the pass is remembered, the failure is not

    linted = []
    real_lint = DataContract.lint
    monkeypatch.setattr(DataContract, "lint", lambda self: linted.append(self) or real_lint(self))
    assert contracts.lint([good, bad], cache=cache) == first
    assert len(linted) == 1  # only the failing contract is validated again
    good.write_text(good.read_text() + "# an edited comment is a new text\n")
    linted.clear()
    assert contracts.lint([good], cache=cache) == [] and len(linted) == 1  # a changed text is linted


def test_build_fails_on_a_wrong_column_type(build_copy):
    serving_before = file_digest(build_copy / "data/warehouse.duckdb")
    model = build_copy / "models/marts/core/dim_date.sql"
    text = model.read_text()
    assert "year(" in text or "as year" in text
    model.write_text(re.sub(r"\n(\s*)(.*) as year,\n", r"\n\1cast(\2 as varchar) as year,\n", text, count=1))
    proc = run_build(build_copy, "--select", "dim_date")
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out
    assert "contract" in out and "year" in out and re.search(r"data type mismatch|INTEGER", out), out[-3000:]
    _serving_left_untouched(build_copy, serving_before, out)


def _relanded(raw: Path) -> None:
    """Record the rewritten base-extract files in the raw zone's manifest (size, SHA-256)."""
    from warehouse import raw_zone

    manifest_path = raw / "tpch" / "_manifest.json"
    manifest = json.loads(manifest_path.read_text())
    for landing in manifest["tables"].values():
        path = raw / landing["path"]
        landing.update(bytes=path.stat().st_size, sha256=raw_zone.file_sha256(path))
    manifest_path.write_text(json.dumps(manifest, indent=2))


def test_build_fails_on_stale_data_past_the_freshness_sla(build_copy):
    serving_before = file_digest(build_copy / "data/warehouse.duckdb")
    raw = build_copy / "data/raw"
    old = (dt.datetime.now(dt.UTC) - dt.timedelta(days=45)).strftime("%Y-%m-%dT%H:%M:%SZ")
    for f in raw.glob("cdc/*/*/*.ndjson"):
        f.write_text(re.sub(r'"_loaded_at":"[^"]+"', f'"_loaded_at":"{old}"', f.read_text()))
    con = duckdb.connect()
    for f in raw.glob("tpch/*/*/*.parquet"):
        tmp = f.with_suffix(".tmp")
        con.execute(
            f"copy (select * replace (timestamp '{old[:-1]}' as _loaded_at) from read_parquet('{f}')) "
            f"to '{tmp}' (format parquet)"
        )
        tmp.replace(f)
    _relanded(raw)  # as a new landing would record them (the build checks every file's SHA-256)
    # +: the staging views too, which bake in the raw zone's path (the copy's, from now on)
    proc = run_build(build_copy, "--select", "+int_raw_zone_landings", "dim_date", "dim_part")
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out
    assert "ERROR STALE" in out, out[-3000:]  # dbt source freshness, thresholds from the source contracts
    assert re.search(r"dim_date\s+loaded_at\s+Freshness of dim_date.loaded_at < 2d\s+age 10\d\d h", out), out[-3000:]
    assert "violates its data contracts" in out
    _serving_left_untouched(build_copy, serving_before, out)


def test_build_fails_on_a_broken_quality_rule(build_copy):
    serving_before = file_digest(build_copy / "data/warehouse.duckdb")
    queries = build_copy / "models/marts/materialized_views/mv_daily_revenue.sql"
    text = queries.read_text()
    broken = text.replace("sum(orders.net_amount) as net_revenue,", "-sum(orders.net_amount) as net_revenue,", 1)
    assert broken != text
    queries.write_text(broken)
    proc = run_build(build_copy, "--select", "mv_daily_revenue")
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out
    # dbt's own tests on the view pass (it equals its query); the contract's rule catches it
    assert re.search(r"mv_daily_revenue\s+net_revenue\s+Daily net revenue is never negative\.\s+\d+\s+failed", out), (
        out[-3000:]
    )
    _serving_left_untouched(build_copy, serving_before, out)


def test_sync_writes_the_contracts_into_the_dbt_yaml_and_is_idempotent(project_copy):
    models = project_copy / "models"
    assert contracts.sync_dbt_yaml(models, REPO_ROOT / "contracts") == []  # already in sync
    yml = models / "marts/core/_core__models.yml"
    original = yml.read_text()
    yml.write_text(
        original.replace("        data_type: DECIMAL(18,4)\n", "", 1).replace(
            "      access: public\n", "      access: protected\n", 1
        )
    )
    assert contracts.sync_dbt_yaml(models, REPO_ROOT / "contracts") == [yml]
    assert yml.read_text() == original


def test_scaffolded_contract_of_every_mart_agrees_with_dbt(manifest, built_warehouse):
    con = duckdb.connect(str(built_warehouse), read_only=True)
    for node in manifest["nodes"].values():
        if node["resource_type"] != "model" or node["schema"] != "marts":
            continue
        physical = dict(
            con.execute(
                "select column_name, data_type from information_schema.columns "
                "where table_schema = 'marts' and table_name = ? order by ordinal_position",
                [node["alias"]],
            ).fetchall()
        )
        committed = contracts.load_contract(MARTS / f"{node['alias']}.odcs.yaml")
        pk = contracts.primary_key(committed["schema"][0])
        scaffold = contracts.scaffold_mart(manifest, node["unique_id"], physical, pk)
        assert contracts.lint_text(contracts.dump_contract(scaffold)) == [], node["alias"]
        assert contracts.dbt_mismatches(scaffold, manifest) == [], node["alias"]


def test_the_daily_audit_reads_the_days_rows_and_still_catches_a_bad_one(manifest, built_warehouse, tmp_path):
    """The windowed (daily) audit of fct_order_lines reads the rows loaded since the window
    starts: a bad value among them fails it as it fails the full audit; a bad old row is left
    to the full audit. (A duplicate key cannot be written at all: the model contract's
    primary key is a DuckDB constraint.)"""
    db = tmp_path / "warehouse.duckdb"
    shutil.copy(built_warehouse, db)
    raw = built_warehouse.parent / "raw"
    paths = [contracts.CONTRACTS_DIR / "marts" / "fct_order_lines.odcs.yaml"]

    def sql(query: str):
        with duckdb.connect(str(db)) as con:  # closed before datacontract-cli opens the file
            return con.execute(query).fetchall()

    # A clean audit warns of nothing: the relationship to fct_orders, another contract's
    # schema, which datacontract-cli cannot check, is reported as checked by dbt's test.
    clean = contracts.test_contracts(paths, db, raw, workers=1)
    assert {f.result for f in clean} <= {"passed", "info"}, [f for f in clean if f.result not in ("passed", "info")]
    assert any(f.result == "info" and f.observed == contracts.DBT_CHECKED and "fct_orders" in f.rule for f in clean)

    last = sql("select max(last_load_date) from marts.fct_order_lines")[0][0].isoformat()
    window = contracts.AuditWindow(last, contracts.window_columns(manifest))
    assert window.mart_columns["fct_order_lines"] == "last_load_date"

    def problems() -> tuple[set[str], set[str]]:
        daily = contracts.failed(contracts.test_contracts(paths, db, raw, workers=1, window=window))
        full = contracts.failed(contracts.test_contracts(paths, db, raw, workers=1))
        return {f.rule for f in daily}, {f.rule for f in full}

    new_row = (
        f"(order_id, line_number) in (select order_id, line_number from marts.fct_order_lines "
        f"where last_load_date = date '{last}' order by all limit 1)"
    )
    sql(f"update marts.fct_order_lines set net_amount = -1 where {new_row}")
    daily, full = problems()
    assert any("never negative" in r for r in daily) and daily == full
    sql(f"update marts.fct_order_lines set net_amount = 1 where {new_row}")

    old_row = (
        "(order_id, line_number) in (select order_id, line_number from marts.fct_order_lines "
        "where last_load_date is null order by all limit 1)"
    )
    sql(f"update marts.fct_order_lines set net_amount = -1 where {old_row}")
    daily, full = problems()
    assert daily == set() and any("never negative" in r for r in full)


def test_the_audit_checks_the_column_types_of_parquet_feeds(built_warehouse, tmp_path):
    """datacontract-cli does not check types in Parquet files; the audit reads the files'
    schema with DuckDB: the landed region file passes, one whose key became text fails,
    naming both types."""
    raw = tmp_path / "raw"
    shutil.copytree(built_warehouse.parent / "raw" / "tpch" / "region", raw / "tpch" / "region")
    paths = [contracts.CONTRACTS_DIR / "sources" / "tpch_region.odcs.yaml"]

    def type_checks() -> dict[str, tuple[str, str]]:
        findings = contracts.test_contracts(paths, built_warehouse, raw, workers=1)
        return {f.field: (f.result, f.observed) for f in findings if "has type" in f.rule}

    landed = type_checks()
    assert landed and all(result == "passed" for result, _ in landed.values()), landed
    assert landed["r_regionkey"] == ("passed", "BIGINT")

    (part,) = raw.glob("tpch/region/*/part-0.parquet")
    with duckdb.connect() as con:
        con.execute(
            f"copy (select * replace (cast(r_regionkey as varchar) as r_regionkey) "
            f"from read_parquet('{part}')) to '{part}.new' (format parquet)"
        )
    Path(f"{part}.new").replace(part)
    assert type_checks()["r_regionkey"] == ("failed", "VARCHAR, contract says BIGINT")


def test_the_freshness_command_checks_the_cdc_feeds_against_their_sla(built_warehouse, tmp_path):
    db = tmp_path / "warehouse.duckdb"
    shutil.copy(built_warehouse, db)
    env = {**os.environ, "DBT_TARGET_PATH": str(tmp_path / "target"), "DBT_LOG_PATH": str(tmp_path / "logs")}
    raw = str(built_warehouse.parent / "raw")
    proc = subprocess.run(
        [str(VENV_BIN / "python"), "-m", "warehouse", "freshness", "--raw-dir", raw, "--db", str(db)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-3000:]
    assert out.count("PASS freshness of cdc.") == len(cdc.CDC_TABLES), out[-3000:]  # every CDC feed, within its SLA
    missing = subprocess.run(
        [
            str(VENV_BIN / "python"),
            "-m",
            "warehouse",
            "freshness",
            "--raw-dir",
            raw,
            "--db",
            str(tmp_path / "no.duckdb"),
        ],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert missing.returncode == 2 and missing.stderr.startswith("error: no build warehouse at"), missing.stderr
    assert not (tmp_path / "no.duckdb").exists()
