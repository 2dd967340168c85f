"""The warehouse's acceptance test: TPC-H's 22 answers asked of the marts only, compared with
the official answer set.

Each question is a dbt analysis (``analyses/tpch_answer_set/tpch_qNN.sql``) calling the macro
``tpch_qNN_from_marts()`` (``macros/tpch/``): the query TPC-H specifies, with its validation
parameters, written against ``marts`` / ``marts_snowflake`` only, with the standard's output
columns, ORDER BY and LIMIT. The same macros are the marts side of the dbt tests in
``tests/tpch_queries/`` (raw tables vs marts, every row).

The reference is DuckDB's tpch extension: ``tpch_answers()`` holds the published answers for
scale factors 0.01, 0.1 and 1 as pipe-separated text with a header line. They are answers on
data from the reference ``dbgen``; land the raw zone with ``--generator dbgen`` to match all
22 (tpchgen-cli's addresses and comments differ, so Q2, Q10, Q13, Q16 and Q20 differ).

Comparison rules (the answer set prints values as text):

- row count, column count and row order must agree (every ordered question's ORDER BY
  determines the order; the unordered ones return one row);
- exact numbers (DECIMAL, integers) must be equal as decimals (``1.50`` equals ``1.5``);
- floating-point results (averages, ratios) agree to a relative 1e-9, the answer set
  printing 15-17 significant digits;
- dates compare as ISO text, strings with surrounding blanks trimmed.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse.pipeline import run_dbt, target_dir
from warehouse.raw_zone import generator_of, read_manifest

QUERY_NUMBERS: tuple[int, ...] = tuple(range(1, 23))
"""TPC-H's 22 questions."""

ANSWER_SET_SCALE_FACTORS: tuple[float, ...] = (0.01, 0.1, 1.0)
"""Scale factors for which ``tpch_answers()`` holds the official answers."""

ANALYSES_PATH = "analyses/tpch_answer_set"
_FLOAT_REL_TOL = 1e-9


class AnswerSetError(RuntimeError):
    """The comparison could not be made (no answer set for the scale factor, dbt compile
    failed, a query failed); the message says why. A RuntimeError, so every CLI command that
    compares answers reports it in one line (exit 2)."""


@dataclass(frozen=True)
class QueryResult:
    """One question's outcome: ``query`` number 1-22, ``rows`` the marts returned,
    ``differences`` (human-readable, empty when the answer matches)."""

    query: int
    rows: int
    differences: tuple[str, ...]

    @property
    def matches(self) -> bool:
        """True when the marts' answer equals the official one."""
        return not self.differences


def official_answers(scale_factor: float) -> dict[int, str]:
    """The published answer text per query number for ``scale_factor``.

    Raises:
        AnswerSetError: the answer set has no answers for that scale factor.
    """
    if not any(math.isclose(scale_factor, sf) for sf in ANSWER_SET_SCALE_FACTORS):
        raise AnswerSetError(
            f"the official TPC-H answer set covers SF {', '.join(f'{s:g}' for s in ANSWER_SET_SCALE_FACTORS)}; "
            f"this warehouse holds SF {scale_factor:g}"
        )
    con = duckdb.connect()
    try:
        con.execute("set autoinstall_known_extensions = false")
        con.execute("load tpch")
        rows = con.execute(
            "select query_nr, answer from tpch_answers() where abs(scale_factor - ?) < 1e-9", [scale_factor]
        ).fetchall()
    finally:
        con.close()
    return {int(n): text for n, text in rows}


def parse_answer(text: str) -> tuple[list[str], list[list[str]]]:
    """Split an answer-set text into (header columns, rows of cell texts). An empty line is
    a row of one NULL (Q17 at SF 0.01 is ``avg_yearly`` = NULL: no line qualifies)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the text ends with a newline
    header = lines[0].split("|")
    return header, [line.split("|") for line in lines[1:]]


def _cell_matches(value: object, expected: str) -> bool:
    expected = expected.strip()
    if value is None:
        return expected in ("", "NULL")
    if isinstance(value, bool):
        return str(value).lower() == expected.lower()
    if isinstance(value, float):
        try:
            return math.isclose(value, float(expected), rel_tol=_FLOAT_REL_TOL, abs_tol=1e-12)
        except ValueError:
            return False
    if isinstance(value, int | decimal.Decimal):
        try:
            return decimal.Decimal(value) == decimal.Decimal(expected)
        except decimal.InvalidOperation:
            return False
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat() == expected
    return str(value).strip() == expected


def compare(query: int, rows: Sequence[Sequence[object]], answer_text: str, limit: int = 3) -> QueryResult:
    """Compare the marts' rows for ``query`` with its answer text.

    Args:
        query: TPC-H query number.
        rows: the marts' result, in its ORDER BY order.
        answer_text: the official answer (``tpch_answers().answer``).
        limit: report at most this many differing cells.

    Returns:
        A :class:`QueryResult` listing the differences (row count, column count, then cells
        as ``row r column <name>: marts <value> != answer <text>``).
    """
    header, expected = parse_answer(answer_text)
    differences: list[str] = []
    if len(rows) != len(expected):
        differences.append(f"{len(rows)} rows from the marts, {len(expected)} in the answer set")
    if rows and len(rows[0]) != len(header):
        differences.append(f"{len(rows[0])} columns from the marts, {len(header)} in the answer set")
        return QueryResult(query, len(rows), tuple(differences))
    cells = 0
    for r, (got, want) in enumerate(zip(rows, expected, strict=False), start=1):
        for name, value, text in zip(header, got, want, strict=False):
            if not _cell_matches(value, text):
                cells += 1
                if cells <= limit:
                    differences.append(f"row {r} column {name}: marts {value!r} != answer {text.strip()!r}")
    if cells > limit:
        differences.append(f"... {cells - limit} more differing cells")
    return QueryResult(query, len(rows), tuple(differences))


def compile_queries(raw_dir: Path, db_path: Path, extra_env: dict[str, str] | None = None) -> dict[int, str]:
    """Compile the 22 analyses with dbt and return their SQL per query number.

    ``extra_env`` selects another target (``DBT_TARGET``, and ``DBT_TARGET_PATH`` for where
    its artifacts go; warehouse.engines compiles them for PostgreSQL).

    On the DuckDB target dbt compiles against an empty scratch file named like ``db_path``
    (dbt names relations by the file's stem, and the analyses read nothing from the warehouse
    to compile), never ``db_path`` itself: dbt-duckdb opens its file read-write, which fails
    while any other process reads the warehouse (a BI tool, a test). The scratch file and the
    artifacts go to ``<target>/answer_set/`` so neither this compile nor the build re-parses
    the other's manifest.

    Raises:
        AnswerSetError: dbt compile failed or an analysis is missing.
    """
    env = dict(extra_env or {})
    args = ["compile", "--quiet", "--select", f"path:{ANALYSES_PATH}"]
    if "DBT_TARGET" in env:
        code = run_dbt(args, raw_dir, db_path, env)
    else:
        env.setdefault("DBT_TARGET_PATH", str(target_dir() / "answer_set"))
        # At the same path every time, so dbt's partial parse (keyed on the profile) holds.
        scratch = Path(env["DBT_TARGET_PATH"]) / "scratch" / db_path.name
        scratch.unlink(missing_ok=True)
        try:
            code = run_dbt(args, raw_dir, scratch, env)
        finally:
            scratch.unlink(missing_ok=True)
    if code != 0:
        raise AnswerSetError(f"dbt compile of {ANALYSES_PATH} failed (exit {code})")
    target = Path(env.get("DBT_TARGET_PATH") or target_dir())
    compiled = target / "compiled" / "tpch_warehouse" / ANALYSES_PATH
    queries = {}
    for n in QUERY_NUMBERS:
        path = compiled / f"tpch_q{n:02d}.sql"
        if not path.exists():
            raise AnswerSetError(f"no compiled analysis {path}")
        queries[n] = path.read_text()
    return queries


def run(
    raw_dir: Path, db_path: Path, read_path: Path | None = None, scale_factor: float | None = None
) -> list[QueryResult]:
    """Ask the 22 questions of the marts in ``read_path`` (default ``db_path``) and compare
    each with the official answer for the raw zone's scale factor.

    The analyses are compiled against ``db_path`` (dbt names relations by its catalog, the
    file's stem); the warehouse read is attached read-only under that catalog name.

    Raises:
        AnswerSetError: nothing landed, no answer set for the scale factor, dbt compile or a
        query failed.
    """
    manifest = read_manifest(raw_dir)
    if scale_factor is None:
        if manifest is None:
            raise AnswerSetError(f"no TPC-H base extract in {raw_dir}: run `make build` first")
        scale_factor = manifest.scale_factor
    answers = official_answers(scale_factor)
    queries = compile_queries(raw_dir, db_path)
    read_path = read_path or db_path
    con = duckdb.connect()
    results = []
    try:
        catalog = db_path.stem.replace('"', '""')
        con.execute(f"attach '{read_path}' as \"{catalog}\" (read_only)")
        con.execute(f'use "{catalog}"')
        for n in QUERY_NUMBERS:
            try:
                rows = con.execute(queries[n]).fetchall()
            except duckdb.Error as exc:
                raise AnswerSetError(f"TPC-H Q{n} failed on the marts: {exc}") from exc
            results.append(compare(n, rows, answers[n]))
    finally:
        con.close()
    return results


def main(raw_dir: Path, db_path: Path, read_path: Path) -> int:
    """``python -m warehouse answer-set``: print one line per question and a verdict; return
    0 when all 22 match, 1 otherwise (each difference named)."""
    manifest = read_manifest(raw_dir)
    try:
        results = run(raw_dir, db_path, read_path)
    except AnswerSetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for result in results:
        verdict = "matches" if result.matches else "DIFFERS"
        print(f"Q{result.query:02d} {verdict} ({result.rows} rows)")
        for line in result.differences:
            print(f"      {line}")
    matched = sum(r.matches for r in results)
    assert manifest is not None  # run() raised otherwise
    print(
        f"{matched}/{len(results)} TPC-H answers from the marts equal the official answer set "
        f"(SF {manifest.scale_factor:g}, raw zone from {manifest.generator})"
    )
    if matched < len(results) and generator_of(manifest) != "dbgen":
        print(
            "note: the raw zone comes from tpchgen-cli, whose addresses and comments differ from the "
            "reference dbgen's; land it with `--generator dbgen` (make build GENERATOR=dbgen) to compare all 22",
            file=sys.stderr,
        )
    return 0 if matched == len(results) else 1
