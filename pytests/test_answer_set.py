"""The acceptance test: TPC-H's 22 answers from the marts equal the official answer set.

make test builds its warehouse from DuckDB's reference dbgen (TEST_GENERATOR=dbgen) at
SF 0.01, so ``python -m warehouse answer-set`` must report 22/22 on it; the comparison's
rules are checked on their own (a changed cell, a missing row, float tolerance).
"""

from __future__ import annotations

import decimal
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO_ROOT, private_dbt_paths
from warehouse import answer_set


def test_the_marts_answer_all_22_questions_as_the_official_answer_set(
    built_warehouse: Path, raw_dir_of_built_warehouse: Path
) -> None:
    manifest = json.loads((raw_dir_of_built_warehouse / "tpch" / "_manifest.json").read_text())
    assert manifest["generator"].startswith("duckdb dbgen"), "make test builds from dbgen (TEST_GENERATOR)"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "warehouse",
            "answer-set",
            "--raw-dir",
            str(raw_dir_of_built_warehouse),
            "--db",
            str(built_warehouse),
            "--build",
        ],
        cwd=REPO_ROOT,
        env={**os.environ, **private_dbt_paths()},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines if line.startswith("Q")] == [f"Q{n:02d}" for n in range(1, 23)]
    assert all(" matches (" in line for line in lines if line.startswith("Q")), result.stdout
    # Every question returns rows (none is vacuously equal to an empty answer).
    assert all(not line.endswith("(0 rows)") for line in lines if line.startswith("Q")), result.stdout
    assert "22/22 TPC-H answers from the marts equal the official answer set (SF 0.01" in result.stdout


@pytest.fixture(scope="module")
def answers() -> dict[int, str]:
    return answer_set.official_answers(0.01)


def _typed(text: str) -> object:
    """A cell of the answer text as the warehouse would return it (Decimal, float or str)."""
    try:
        return decimal.Decimal(text) if "." in text and len(text.split(".")[1]) <= 4 else int(text)
    except (decimal.InvalidOperation, ValueError):
        try:
            return float(text)
        except ValueError:
            return text


def _rows(answer: str) -> list[list[object]]:
    return [[_typed(cell) for cell in row] for row in answer_set.parse_answer(answer)[1]]


def test_the_official_answers_compare_equal_to_themselves(answers: dict[int, str]) -> None:
    for query, text in answers.items():
        assert answer_set.compare(query, _rows(text), text).matches, query


def test_a_changed_cent_a_missing_row_or_a_reordered_result_is_a_difference(answers: dict[int, str]) -> None:
    text = answers[10]  # Q10: 20 customers with revenue (4 decimals), balances, names, comments
    rows = _rows(text)
    cent = [row[:] for row in rows]
    cent[4][3] = cent[4][3] + decimal.Decimal("0.01")  # c_acctbal
    result = answer_set.compare(10, cent, text)
    assert not result.matches and result.differences[0].startswith("row 5 column c_acctbal")

    assert "19 rows from the marts, 20 in the answer set" in answer_set.compare(10, rows[:-1], text).differences
    assert not answer_set.compare(10, [rows[1], rows[0], *rows[2:]], text).matches
    padded = [[f"  {cell} " if isinstance(cell, str) else cell for cell in row] for row in rows]
    assert answer_set.compare(10, padded, text).matches, "strings compare trimmed"


def test_floats_agree_to_a_relative_1e_9_and_no_further(answers: dict[int, str]) -> None:
    text = answers[1]  # Q1: averages printed with 15-17 significant digits
    rows = _rows(text)
    avg_qty = 6  # column index of avg_qty
    assert isinstance(rows[0][avg_qty], float)
    close = [row[:] for row in rows]
    close[0][avg_qty] *= 1 + 1e-12
    assert answer_set.compare(1, close, text).matches
    far = [row[:] for row in rows]
    far[0][avg_qty] *= 1 + 1e-6
    assert not answer_set.compare(1, far, text).matches


def test_a_scale_factor_without_published_answers_is_a_clear_error() -> None:
    with pytest.raises(answer_set.AnswerSetError, match=r"covers SF 0.01, 0.1, 1; this warehouse holds SF 0.5"):
        answer_set.official_answers(0.5)
