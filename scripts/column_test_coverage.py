"""Report column test coverage per layer from dbt's manifest (make lint prints it).

A column counts as tested when at least one data test names it: a generic test attached to
the column (``column_name``), or a model-level test whose arguments list it
(``combination_of_columns``, ``partition_by``). Every column of every model, seed and
snapshot is documented in YAML (pytests/test_warehouse_build.py checks it against the
warehouse), so the manifest's columns are all the columns.

Usage: python scripts/column_test_coverage.py MANIFEST [--min PERCENT]
Prints one row per layer (models by their folder under models/, then seeds and snapshots):
tested columns, all columns, percent. Exits 1 when the project's total is below --min.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

# Arguments of the project's model-level generic tests that name columns of the tested model
# (other string arguments, e.g. relationships' `field` or accepted_values' `values`, do not).
COLUMN_ARGUMENTS = ("combination_of_columns", "partition_by")


def _named_columns(test: dict) -> set[str]:
    """The columns a test node checks: its column_name and any column list in its arguments."""
    meta = test.get("test_metadata") or {}
    kwargs = meta.get("kwargs") or {}
    names = {test.get("column_name") or kwargs.get("column_name") or ""}
    for argument in COLUMN_ARGUMENTS:
        value = kwargs.get(argument)
        names.update(value if isinstance(value, list) else [value] if isinstance(value, str) else [])
    return {n.strip('"').lower() for n in names if n}


def layer_of(node: dict) -> str:
    """The report row of a node: models/<folder>/<subfolder>, or 'seeds' / 'snapshots'."""
    if node["resource_type"] != "model":
        return node["resource_type"] + "s"
    parts = Path(node["original_file_path"]).parts
    return "/".join(parts[1:3]) if len(parts) > 3 else parts[1]


def coverage(manifest: dict) -> dict[str, tuple[int, int]]:
    """{layer: (tested columns, all columns)} over the project's models, seeds and snapshots.

    manifest: dbt's manifest.json, parsed. Columns are compared case-insensitively.
    """
    project = manifest["metadata"]["project_name"]
    tested: dict[str, set[str]] = defaultdict(set)
    for node in manifest["nodes"].values():
        if node["resource_type"] == "test":
            target = node.get("attached_node") or next(iter(node["depends_on"]["nodes"]), None)
            if target:
                tested[target] |= _named_columns(node)
    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for uid, node in manifest["nodes"].items():
        if node["resource_type"] not in ("model", "seed", "snapshot") or node["package_name"] != project:
            continue
        row = rows[layer_of(node)]
        for column in node["columns"]:
            row[1] += 1
            row[0] += column.lower() in tested[uid]
    return {layer: (t, n) for layer, (t, n) in sorted(rows.items())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("manifest", type=Path)
    parser.add_argument("--min", type=float, default=0.0, help="fail below this total percent")
    args = parser.parse_args(argv)
    rows = coverage(json.loads(args.manifest.read_text()))
    width = max(map(len, rows), default=5)
    print(f"{'column test coverage':<{width}}  tested   all      %")
    for layer, (t, n) in rows.items():
        print(f"{layer:<{width}}  {t:>6} {n:>5} {100 * t / n if n else 0:>6.1f}")
    tested = sum(t for t, _ in rows.values())
    total = sum(n for _, n in rows.values())
    percent = 100 * tested / total if total else 0.0
    print(f"{'total':<{width}}  {tested:>6} {total:>5} {percent:>6.1f}")
    if percent < args.min:
        print(f"error: column test coverage {percent:.1f} % is below the floor of {args.min} %", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
