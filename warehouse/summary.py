"""Read-only summaries of a built warehouse (rows per mart)."""

from __future__ import annotations

from pathlib import Path

from warehouse.serving import open_warehouse


def mart_row_counts(db_path: Path, schema: str = "marts") -> dict[str, int]:
    """Count rows of every table and view in ``schema`` of the DuckDB file ``db_path``.

    Opens the file read-only (it fails with DuckDB's lock error while a writer holds it).

    Returns:
        ``{relation_name: row_count}`` sorted by name; empty when the schema is missing.

    Raises:
        FileNotFoundError: ``db_path`` does not exist.
    """
    db_path = Path(db_path)
    if not db_path.exists():
        raise FileNotFoundError(f"no warehouse at {db_path}: run `make build` first")
    con = open_warehouse(db_path, read_only=True)
    try:
        names = [
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables "
                "where table_catalog = 'warehouse' and table_schema = ? order by table_name",
                [schema],
            ).fetchall()
        ]
        return {name: con.execute(f'select count(*) from "{schema}"."{name}"').fetchone()[0] for name in names}
    finally:
        con.close()


def format_counts(counts: dict[str, int]) -> str:
    """Render ``{name: rows}`` as an aligned two-column text table."""
    if not counts:
        return "  (no marts built)"
    width = max(len(n) for n in counts)
    return "\n".join(f"  {name:<{width}}  {rows:>12,}" for name, rows in counts.items())
