"""The project's dbt_utils-style generic tests and macros, run by dbt on fixture data.

A small dbt project in a temporary folder uses the real ``macros/`` of this repository on
seeds with known good and known bad rows; each generic test must pass on the good data
and fail on the bad data with exactly the expected number of failing rows. The key and
date macros are checked against independent Python computations.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import textwrap
from pathlib import Path

import duckdb
import pytest

from conftest import REPO_ROOT, run_dbt

SEEDS = {
    "good_rows": "id,a,b,amount\n1,1,x,0\n2,1,y,5\n3,2,x,10\n4,,,\n",
    "bad_rows": "id,a,b,amount\n1,1,x,-1\n2,1,x,5\n3,2,y,11\n4,,,\n5,,,3\n",
    "dim_with_unknown": "dim_key,label\n-1,Unknown\n1,One\n",
    "dim_without_unknown": "dim_key,label\n1,One\n2,Two\n",
    "dim_with_two_unknowns": "dim_key,label\n-1,Unknown\n-1,Unknown again\n1,One\n",
    # SCD2 versions: key 1 contiguous (good); key 2 has a gap, key 3 an overlap, key 4 no open
    # version, key 5 two open versions, key 6 an empty range.
    "versions_good": (
        "k,valid_from,valid_to\n1,1992-01-01,1998-08-03\n1,1998-08-03,9999-12-31\n7,1992-01-01,9999-12-31\n"
    ),
    "versions_bad": (
        "k,valid_from,valid_to\n"
        "2,1992-01-01,1998-08-01\n2,1998-08-03,9999-12-31\n"
        "3,1992-01-01,1998-08-05\n3,1998-08-03,9999-12-31\n"
        "4,1992-01-01,1998-08-03\n"
        "5,1992-01-01,9999-12-31\n5,1998-08-03,9999-12-31\n"
        "6,1998-08-03,1998-08-03\n6,1998-08-03,9999-12-31\n"
    ),
    # Satellite rows: key a is A -> B -> A (good); key b repeats A, key c repeats B twice.
    "satellite_good": "hk,effective_from,hashdiff\na,1,A\na,2,B\na,3,A\nb,1,A\n",
    "satellite_bad": "hk,effective_from,hashdiff\na,1,A\na,2,B\na,3,A\nb,1,A\nb,2,A\nc,1,B\nc,2,B\nc,3,B\n",
    # Hash keys of a hub and of its children: the zero key (ghost record) and NULL are never
    # orphans; h3 and h4 are.
    "hub_keys": "hk\nh1\nh2\n",
    "children_good": f"hk\nh1\nh2\n{'0' * 32}\n\n",
    "children_bad": f"hk\nh1\nh3\n{'0' * 32}\nh4\n",
}

SCHEMA = """
version: 2
seeds:
  - name: good_rows
    data_tests:
      - unique_combination_of_columns: {arguments: {combination_of_columns: [a, b]}, name: ucc_good}
      - expression_is_true: {arguments: {expression: "amount >= 0"}, name: eit_good}
    columns:
      - name: amount
        data_tests:
          - accepted_range: {arguments: {min_value: 0, max_value: 10}, name: ar_good}
          - accepted_range: {arguments: {min_value: 0, max_value: 10, inclusive: false}, name: ar_exclusive_good}
          - expression_is_true: {arguments: {expression: ">= 0"}, name: eit_column_good}
  - name: bad_rows
    data_tests:
      - unique_combination_of_columns: {arguments: {combination_of_columns: [a, b]}, name: ucc_bad}
      - expression_is_true: {arguments: {expression: "amount >= 0"}, name: eit_bad}
    columns:
      - name: amount
        data_tests:
          - accepted_range: {arguments: {min_value: 0, max_value: 10}, name: ar_bad}
          - accepted_range: {arguments: {max_value: 10}, name: ar_max_only_bad}
          - expression_is_true: {arguments: {expression: ">= 0"}, name: eit_column_bad}
  - name: dim_with_unknown
    columns:
      - name: dim_key
        data_tests: [{has_unknown_member: {name: hum_good}}]
  - name: dim_without_unknown
    columns:
      - name: dim_key
        data_tests: [{has_unknown_member: {name: hum_missing}}]
  - name: dim_with_two_unknowns
    columns:
      - name: dim_key
        data_tests: [{has_unknown_member: {name: hum_twice}}]
  - name: versions_good
    config: {column_types: {valid_from: timestamp, valid_to: timestamp}}
    data_tests:
      - valid_ranges_are_contiguous: {arguments: {partition_by: k}, name: vrc_good}
  - name: versions_bad
    config: {column_types: {valid_from: timestamp, valid_to: timestamp}}
    data_tests:
      - valid_ranges_are_contiguous: {arguments: {partition_by: k}, name: vrc_bad}
  - name: satellite_good
    data_tests:
      - no_consecutive_duplicate_hashdiffs: {arguments: {hash_key: hk}, name: ncdh_good}
  - name: satellite_bad
    data_tests:
      - no_consecutive_duplicate_hashdiffs: {arguments: {hash_key: hk}, name: ncdh_bad}
  - name: hub_keys
    config: {column_types: {hk: varchar}}
  - name: children_good
    config: {column_types: {hk: varchar}}
    columns:
      - name: hk
        data_tests:
          - hash_key_relationships: {arguments: {to: "ref('hub_keys')", field: hk}, name: hkr_good}
  - name: children_bad
    config: {column_types: {hk: varchar}}
    columns:
      - name: hk
        data_tests:
          - hash_key_relationships: {arguments: {to: "ref('hub_keys')", field: hk}, name: hkr_bad}
"""

# alias -> (expected status, expected failing rows)
EXPECTED = {
    "ucc_good": ("pass", 0),
    "eit_good": ("pass", 0),
    "ar_good": ("pass", 0),
    "eit_column_good": ("pass", 0),
    "ar_exclusive_good": ("fail", 2),  # 0 and 10 are outside (0, 10)
    "ucc_bad": ("fail", 2),  # (1, x) twice; (NULL, NULL) twice: NULLs compare equal
    "eit_bad": ("fail", 1),  # -1
    "eit_column_bad": ("fail", 1),
    "ar_bad": ("fail", 2),  # -1 and 11; NULL passes
    "ar_max_only_bad": ("fail", 1),  # 11
    "hum_good": ("pass", 0),
    "hum_missing": ("fail", 1),
    "hum_twice": ("fail", 1),
    "vrc_good": ("pass", 0),
    # gap (2), overlap (3), no open version (4), first of two open versions (5), empty range (6)
    "vrc_bad": ("fail", 5),
    "ncdh_good": ("pass", 0),
    "ncdh_bad": ("fail", 3),  # b's second row, c's second and third
    "hkr_good": ("pass", 0),  # the zero key and NULL are not orphans
    "hkr_bad": ("fail", 2),  # h3, h4
}

KEY_MODEL = """
select
    {{ integer_surrogate_key(["'abc'"]) }} as key_abc,
    {{ integer_surrogate_key(["'1'"]) }} as key_1,
    {{ integer_surrogate_key(["1", "2"]) }} as key_1_2,
    {{ integer_surrogate_key(["cast(null as varchar)", "2"]) }} as key_null_2,
    {{ date_key("cast('1996-03-13' as date)") }} as date_key_example,
    {{ date_key("cast(null as date)") }} as date_key_null,
    (select count(*) from ({{ day_spine("cast('2024-02-27' as date)", "cast('2024-03-01' as date)") }}) as s)
        as leap_spine_days,
    (select min(date_day) from ({{ day_spine("cast('2024-02-27' as date)", "cast('2024-03-01' as date)") }}) as s)
        as leap_spine_first
"""

# Data Vault hashing spec (docs block vault_hashing_spec), evaluated by the real macros.
HASH_MODEL = """
select
    {{ vault_hash_key(["'abc'"]) }} as hk_abc,
    {{ vault_hash_key(["'  Abc '"]) }} as hk_abc_padded_mixed_case,
    {{ vault_hash_key(["42"]) }} as hk_42,
    {{ vault_hash_key(["1", "cast(null as varchar)"]) }} as hk_1_null,
    {{ vault_hash_key(["cast(null as varchar)", "''"]) }} as hk_all_null,
    {{ vault_hashdiff(["'b'", "'a'"]) }} as hd_b_a,
    {{ vault_hashdiff(["'Abc'"]) }} as hd_abc_mixed_case,
    {{ vault_hashdiff(["'abc'"]) }} as hd_abc,
    {{ vault_hashdiff(["cast(711.56 as decimal(15, 2))", "cast(null as varchar)", "cast('1998-08-03' as date)"]) }}
        as hd_typed,
    {{ vault_hashdiff(["x", "y", "z"], {"x": "DECIMAL(15,2)", "y": "VARCHAR", "z": "DATE"}) }} as hd_typed_exact_path,
    {{ vault_hash_key(["42"], {"42": "INTEGER"}) }} as hk_42_exact_path,
    {{ vault_hash_key(["cast(null as integer)"], {"cast(null as integer)": "INTEGER"}) }} as hk_null_exact_path,
    {{ vault_hashdiff(["'^^'"]) }} as hd_placeholder_text,
    {{ vault_hashdiff(["cast(null as varchar)"]) }} as hd_null,
    {{ vault_hash_key(["'a||b'", "'c'"]) }} as hk_delimiter_left,
    {{ vault_hash_key(["'a'", "'b||c'"]) }} as hk_delimiter_right,
    {{ vault_hashdiff(["'a\\\\b|c^'"]) }} as hd_escaped
from (select cast(711.56 as decimal(15, 2)) as x, cast(null as varchar) as y, cast('1998-08-03' as date) as z) as typed
"""


def _py_key(text: str) -> int:
    return int(hashlib.md5(text.encode()).hexdigest()[:15], 16)


@pytest.fixture(scope="module")
def fixture_project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    project = tmp_path_factory.mktemp("generic_tests")
    (project / "dbt_project.yml").write_text(
        textwrap.dedent(
            """
            name: generic_test_fixtures
            version: "1.0"
            config-version: 2
            profile: fixtures
            macro-paths: ["macros"]
            seed-paths: ["seeds"]
            model-paths: ["models"]
            """
        )
    )
    (project / "profiles.yml").write_text(
        textwrap.dedent(
            f"""
            fixtures:
              target: dev
              outputs:
                dev:
                  type: duckdb
                  path: "{project / "fixtures.duckdb"}"
                  threads: 1
            """
        )
    )
    shutil.copytree(REPO_ROOT / "macros", project / "macros")
    (project / "seeds").mkdir()
    for name, text in SEEDS.items():
        (project / "seeds" / f"{name}.csv").write_text(text)
    (project / "seeds" / "_seeds.yml").write_text(SCHEMA)
    (project / "models").mkdir()
    (project / "models" / "key_examples.sql").write_text(KEY_MODEL)
    (project / "models" / "hash_examples.sql").write_text(HASH_MODEL)

    result = run_dbt(["build"], project, {})
    results_path = project / "target" / "run_results.json"
    assert results_path.exists(), result.stdout + result.stderr
    by_alias = {}
    for r in json.loads(results_path.read_text())["results"]:
        alias = r["unique_id"].split(".")[2]
        by_alias[alias] = r
    return project, {"results": by_alias, "stdout": result.stdout}


@pytest.mark.parametrize("alias", sorted(EXPECTED))
def test_generic_test_passes_on_good_data_and_fails_on_bad(fixture_project, alias):
    _, built = fixture_project
    results = built["results"]
    matches = [r for uid, r in results.items() if uid.startswith(alias)]
    assert matches, f"test {alias} did not run:\n{built['stdout'][-3000:]}"
    status, failures = EXPECTED[alias]
    assert (matches[0]["status"], matches[0]["failures"] or 0) == (status, failures)


def test_integer_surrogate_key_and_date_macros_match_their_spec(fixture_project):
    project, _ = fixture_project
    con = duckdb.connect(str(project / "fixtures.duckdb"), read_only=True)
    try:
        row = con.execute("select * from main.key_examples").fetchone()
    finally:
        con.close()
    key_abc, key_1, key_1_2, key_null_2, date_key, date_key_null, days, first = row
    assert key_abc == _py_key("abc") == 648541476951500027
    assert key_1 == _py_key("1") == 886263699231969848
    assert key_1_2 == _py_key("1-2")
    assert key_null_2 == _py_key("_dbt_utils_surrogate_key_null_-2")
    assert date_key == 19960313
    assert date_key_null == -1
    assert (days, first) == (4, dt.date(2024, 2, 27))  # 27, 28, 29 Feb and 1 Mar


def _md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()


def test_vault_hash_macros_match_the_hashing_spec(fixture_project):
    project, _ = fixture_project
    con = duckdb.connect(str(project / "fixtures.duckdb"), read_only=True)
    try:
        row = dict(
            zip(
                [d[0] for d in con.execute("select * from main.hash_examples").description],
                con.execute("select * from main.hash_examples").fetchone(),
                strict=True,
            )
        )
    finally:
        con.close()
    # hash keys: trimmed, upper-cased, '||'-joined, NULL -> '^^', MD5 as 32 lower-case hex
    assert row["hk_abc"] == _md5("ABC") == "902fbdd2b1df0c4f70b4a5d23525e932"
    assert row["hk_abc_padded_mixed_case"] == row["hk_abc"]
    assert row["hk_42"] == _md5("42") == "a1d0c6e83f027327d8461063f4ac58a6"
    assert row["hk_1_null"] == _md5("1||^^")
    assert row["hk_all_null"] == "0" * 32  # every part NULL or empty: the zero key
    # hashdiffs: columns sorted by name, values case-sensitive
    assert row["hd_b_a"] == _md5("a||b")  # the SQL expressions 'a' < 'b' as names
    assert row["hd_abc_mixed_case"] == _md5("Abc") != row["hd_abc"] == _md5("abc")
    # typed values in the engine's canonical text; expressions sorted as text, so the date first
    assert row["hd_typed"] == _md5("1998-08-03||711.56||^^")
    # integers, decimals and dates are hashed as their cast alone, with the same result
    assert row["hd_typed_exact_path"] == _md5("711.56||^^||1998-08-03")
    assert row["hk_42_exact_path"] == row["hk_42"]
    assert row["hk_null_exact_path"] == "0" * 32
    # '\\', '|' and '^' inside values are escaped: no value reads as NULL or as a delimiter
    assert row["hd_placeholder_text"] == _md5("\\^\\^") != row["hd_null"] == _md5("^^")
    assert row["hk_delimiter_left"] == _md5("A\\|\\|B||C") != row["hk_delimiter_right"] == _md5("A||B\\|\\|C")
    assert row["hd_escaped"] == _md5("a\\\\b\\|c\\^")
