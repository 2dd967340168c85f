"""Register DuckDB extensions from their PyPI wheels, so nothing downloads at run time."""

from __future__ import annotations

import duckdb

# Extensions the project uses, by the name of their wheel (duckdb-extension-<name>): tpch
# (the reference dbgen), postgres (loads the raw zone into PostgreSQL and reads its marts,
# warehouse.raw_load and warehouse.engines; it registers as postgres_scanner), ducklake and
# sqlite (the lake target's format and its SQLite catalog, warehouse.lake; sqlite registers as
# sqlite_scanner).
PROJECT_EXTENSIONS: tuple[str, ...] = ("tpch", "postgres", "ducklake", "sqlite")
LOAD_NAMES = {"postgres": "postgres_scanner", "sqlite": "sqlite_scanner"}


def register_extensions(names: tuple[str, ...] = PROJECT_EXTENSIONS) -> list[str]:
    """Install each extension from its local ``duckdb-extension-<name>`` wheel and load it.

    Installs into DuckDB's per-user extension directory (``~/.duckdb/extensions/<ver>/``),
    after which ``LOAD <name>`` and dbt-duckdb's ``extensions:`` profile key work offline.

    Args:
        names: wheel names, e.g. ``("tpch", "postgres")``.

    Returns:
        The names registered and loaded.

    Raises:
        RuntimeError: a wheel is missing (``pip install -r requirements.txt``) or the
            extension does not load after registration.
    """
    import duckdb_extensions  # imported here: only this step needs it

    con = duckdb.connect()
    try:
        con.execute("set autoinstall_known_extensions = false")
        for name in names:
            try:
                duckdb_extensions.import_extension(name, con=con)
                con.execute(f"load {LOAD_NAMES.get(name, name)}")
            except Exception as exc:  # the wheel API raises several types
                raise RuntimeError(
                    f"cannot register DuckDB extension {name!r} offline: {exc}; "
                    f"is duckdb-extension-{name} in requirements.txt installed?"
                ) from exc
    finally:
        con.close()
    return list(names)
