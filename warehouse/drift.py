"""Schema drift: columns the source delivers that the contracts (and so the models) do not
know yet. Nothing is lost: a CDC row image's unknown fields are kept in the staging column
``extra_fields`` (JSON), and a re-landed base extract keeps every column in its Parquet
files (the sources read them with ``union_by_name``). The audit reports each such column
with :func:`schema_drift`, so it is seen and can be promoted (README, "Schema drift").
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from warehouse import contracts

# CDC feed (source table) -> its staging model, which keeps unknown fields in extra_fields.
CDC_STAGING = {
    "customer": "stg_cdc__customer_events",
    "part": "stg_cdc__part_events",
    "supplier": "stg_cdc__supplier_events",
    "partsupp": "stg_cdc__part_supplier_events",
    "orders": "stg_cdc__order_events",
    "lineitem": "stg_cdc__line_item_events",
}
# Columns the reader adds to a Parquet landing (hive partition).
_PARQUET_READER_COLUMNS = {"load_date"}


@dataclass(frozen=True)
class Drift:
    """One column a feed delivers that its contract does not declare.

    feed: ``cdc.<table>`` or ``tpch.<table>``; column: the delivered name; kept_in: where the
    values are kept; rows: how many delivered rows (events) carry it; first_load_date: the
    first landing that carried it (ISO date).
    """

    feed: str
    column: str
    kept_in: str
    rows: int
    first_load_date: str

    def describe(self) -> str:
        """One line for the build's output."""
        return (
            f"schema drift: {self.feed} delivers column {self.column!r}, which its contract does not "
            f"declare ({self.rows:,} rows since {self.first_load_date}; kept in {self.kept_in}); "
            "promote it as the README's 'Schema drift' shows"
        )


def schema_drift(db_path: Path | str, raw_dir: Path) -> list[Drift]:
    """Every column the raw zone delivers beyond its source contract: the unknown fields of
    CDC row images (read from the build warehouse's staging views, ``extra_fields``) and the
    extra columns of the base extract's Parquet files (their schema against the contract's
    properties). Sorted by feed and column; empty when the contracts cover everything."""
    from warehouse.serving import open_build

    found: list[Drift] = []
    con = open_build(db_path)  # the build warehouse (file or lake): trusted, reads raw files
    try:
        for table, model in CDC_STAGING.items():
            if not con.execute(
                "select count(*) from information_schema.columns where table_schema = 'staging' "
                "and table_name = ? and column_name = 'extra_fields'",
                [model],
            ).fetchone()[0]:
                continue  # a staging view built before drift was kept (a partial --select build)
            rows = con.execute(f"""
                select field, count(*), cast(min(load_date) as varchar)
                from (
                    select unnest(json_keys(cast(extra_fields as json))) as field, load_date
                    from staging.{model}
                    where extra_fields is not null
                )
                group by field order by field""").fetchall()
            found += [
                Drift(f"cdc.{table}", field, f"staging.{model}.extra_fields", n, first) for field, n, first in rows
            ]
        for path in contracts.contract_paths(contracts.CONTRACTS_DIR, "sources"):
            contract = contracts.load_contract(path)
            if not contracts.is_base_extract(contract):
                continue
            obj = contracts.schema_object(contract)
            declared = {p["name"] for p in obj.get("properties") or []}
            files = sorted((Path(raw_dir) / "tpch" / obj["name"]).glob("load_date=*/*.parquet"))
            for file in files:
                names = [
                    r[0]
                    for r in con.execute(
                        "select name from parquet_schema(?) where name <> 'duckdb_schema' and num_children is null",
                        [str(file)],
                    ).fetchall()
                ]
                rows = con.execute("select count(*) from read_parquet(?)", [str(file)]).fetchone()[0]
                first = file.parent.name.split("=", 1)[-1]
                found += [
                    Drift(f"tpch.{obj['name']}", name, f"the raw zone ({file.parent.name})", rows, first)
                    for name in names
                    if name not in declared | _PARQUET_READER_COLUMNS
                ]
    finally:
        con.close()
    return sorted(found, key=lambda d: (d.feed, d.column))
