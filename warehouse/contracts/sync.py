"""Writing the contracts' settings into the dbt YAML (``contracts sync``), so the two cannot drift."""

from __future__ import annotations

import copy
import io
import re
from pathlib import Path
from typing import Any

from warehouse.contracts.dbt_check import expected_dbt_model
from warehouse.contracts.model import CONTRACTS_DIR, contract_paths, load_contract


# --------------------------------------------------------------------------- dbt YAML sync
def sync_dbt_yaml(models_dir: Path, root: Path = CONTRACTS_DIR) -> list[Path]:
    """Write each mart contract's dbt settings (config access/group/contract, constraints,
    column data_type and constraints, column order) into the dbt YAML that declares the model.
    Comments and formatting elsewhere are kept (ruamel round trip). Returns the files changed.

    Raises:
        ContractError: a contracted model is declared in no YAML file under ``models_dir``.
    """
    from ruamel.yaml import YAML

    rt = YAML()
    rt.preserve_quotes = True
    rt.width = 4096  # never re-wrap existing text
    rt.indent(mapping=2, sequence=4, offset=2)
    wanted = {}
    for path in contract_paths(root, "marts"):
        exp = expected_dbt_model(load_contract(path))
        wanted[exp["name"]] = exp
    changed = []
    for yml in sorted(models_dir.rglob("*.yml")):
        text = yml.read_text()
        doc = rt.load(text)
        if not isinstance(doc, dict) or not doc.get("models"):
            continue
        touched = False
        for model in doc["models"]:
            # A versioned model's versions inherit the top-level columns and config (a later
            # version states its differences with include/exclude, by hand); the top level
            # follows the contract of the relation the model keeps its name for.
            versions = model.get("versions") or []
            relation = next(
                ((v.get("config") or {}).get("alias") for v in versions if (v.get("config") or {}).get("alias")),
                model["name"],
            )
            exp = wanted.get(relation)
            if exp is None:
                continue
            _apply(model, exp)
            touched = True
        if not touched:
            continue
        buf = io.StringIO()
        rt.dump(doc, buf)
        # one blank line between models (ruamel drops the ones it did not parse as comments)
        out = re.sub(r"\n+(?=  - name: )", "\n\n", buf.getvalue()).replace("models:\n\n", "models:\n")
        if out != text:
            yml.write_text(out)
            changed.append(yml)
    return changed


# A column the contract adds gets the contract's description, or this one until someone
# writes a better one.
_NEW_COLUMN_DOC = "TODO: describe (added by warehouse.contracts sync from the data contract)."


def _apply(node: Any, exp: dict[str, Any]) -> None:
    """Set one model's access, group, contract, constraints and columns (order, data_type,
    constraints) from ``exp`` (expected_dbt_model); other keys are left as they are."""
    config = node.setdefault("config", {})
    config["access"] = "public"
    config["group"] = exp["group"]
    config["contract"] = {"enforced": True}
    if exp["constraints"]:
        node["constraints"] = copy.deepcopy(exp["constraints"])
    elif "constraints" in node:
        del node["constraints"]
    columns = node.get("columns") or []
    by_name = {c["name"]: c for c in columns}
    new_columns = []
    for col in exp["columns"]:
        entry = by_name.get(col["name"]) or {"name": col["name"], "description": col["description"] or _NEW_COLUMN_DOC}
        if "data_type" in entry or not hasattr(entry, "insert"):
            entry["data_type"] = col["data_type"]
        else:
            entry.insert(1, "data_type", col["data_type"])  # ruamel map: right after name
        if col["constraints"]:
            entry["constraints"] = copy.deepcopy(col["constraints"])
        elif "constraints" in entry:
            del entry["constraints"]
        new_columns.append(entry)
    node["columns"] = new_columns
