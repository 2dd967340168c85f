"""Register DuckDB extensions from their PyPI wheels, so nothing downloads at run time."""

from __future__ import annotations

import duckdb

# Extensions the project uses, by the name their wheel registers under.
PROJECT_EXTENSIONS: tuple[str, ...] = ("tpch",)


def register_extensions(names: tuple[str, ...] = PROJECT_EXTENSIONS) -> list[str]:
    """Install each extension from its local ``duckdb-extension-<name>`` wheel and load it.

    Installs into DuckDB's per-user extension directory (``~/.duckdb/extensions/<ver>/``),
    after which ``LOAD <name>`` and dbt-duckdb's ``extensions:`` profile key work offline.

    Args:
        names: extension names, e.g. ``("tpch",)``.

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
                con.execute(f"load {name}")
            except Exception as exc:  # the wheel API raises several types
                raise RuntimeError(
                    f"cannot register DuckDB extension {name!r} offline: {exc}; "
                    f"is duckdb-extension-{name} in requirements.txt installed?"
                ) from exc
    finally:
        con.close()
    return list(names)
