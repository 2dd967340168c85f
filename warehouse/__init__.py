"""TPC-H reference warehouse: raw-zone generator, build orchestration and summaries.

Everything that is not SQL lives here; the dbt project at the repository root holds the
models. Entry point: ``python -m warehouse --help``.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
