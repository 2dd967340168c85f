"""Breaking changes of a contract against an earlier git revision (datacontract-cli's rules),
allowed only with a major version bump."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import yaml

from warehouse.contracts.model import CONTRACTS_DIR, SUFFIX, ContractError, contract_paths, load_contract


# --------------------------------------------------------------------------- breaking changes
def _major(version: str | None) -> int:
    try:
        return int(str(version).split(".")[0])
    except ValueError:
        raise ContractError(f"contract version {version!r} is not semver (MAJOR.MINOR.PATCH)") from None


def breaking_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Changes from ``old`` to ``new`` that break consumers, one message each naming the
    field: a column removed or renamed, a type changed, ``required`` changed either way, the
    primary key changed. Empty when compatible, or when ``new``'s major version is higher."""
    from datacontract.breaking.detector import BreakingChangeDetector
    from datacontract.data_contract import DataContract
    from datacontract.model.breaking import BreakingChangeLevel, Perspective

    if _major(new.get("version")) > _major(old.get("version")):
        return []
    before = DataContract(data_contract_str=yaml.safe_dump(old, sort_keys=False))
    after = DataContract(data_contract_str=yaml.safe_dump(new, sort_keys=False))
    detector = BreakingChangeDetector()
    out = []
    for perspective in (Perspective.CONSUMER, Perspective.PRODUCER):
        result = before.breaking(after, detector, perspective=perspective)
        for entry in result.entries:
            if entry.level != BreakingChangeLevel.ERROR or not _consumer_relevant(entry, perspective):
                continue
            message = f"{entry.path}: {entry.message}"
            if message not in out:
                out.append(message)
    return out


# Rules whose breaks we enforce: the shape consumers read. Quality rules, SLAs and metadata
# may tighten or loosen freely within a major version (they are tested on every build).
_SHAPE_RULES = {
    "schema-added-or-removed",
    "property-added-or-removed",
    "physical-name-changed",
    "required-changed",
    "type-changed",
    "key-constraint-changed",
}


def _consumer_relevant(entry: Any, perspective: Any) -> bool:
    from datacontract.model.breaking import Perspective

    if entry.rule_id not in _SHAPE_RULES:
        return False
    if perspective == Perspective.PRODUCER:
        # From the producer side only "required added" counts (consumers that write NULLs or
        # read it as optional); an added column or schema is compatible.
        return entry.rule_id == "required-changed"
    return True


def git_show(ref: str, path: Path, repo: Path) -> str | None:
    """The text of ``path`` at git ``ref`` in ``repo``, or None when it does not exist there."""
    rel = path.resolve().relative_to(repo.resolve()) if path.is_absolute() else path
    proc = subprocess.run(["git", "show", f"{ref}:{rel.as_posix()}"], cwd=repo, capture_output=True, text=True)
    return proc.stdout if proc.returncode == 0 else None


def breaking_against(ref: str, repo: Path, root: Path = CONTRACTS_DIR) -> dict[str, list[str]]:
    """Breaking changes of every contract under ``repo/root`` against its version at git
    ``ref`` (a deleted contract is breaking); maps contract file -> messages (breaking only).

    Raises:
        ContractError: ``ref`` is not a git revision of ``repo``.
    """
    probe = subprocess.run(
        ["git", "rev-parse", "--verify", f"{ref}^{{commit}}"], cwd=repo, capture_output=True, text=True
    )
    if probe.returncode != 0:
        raise ContractError(f"{ref!r} is not a git revision of {repo}")
    listed = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", ref, "--", root.as_posix()],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    out: dict[str, list[str]] = {}
    for rel in sorted(set(listed) | {p.relative_to(repo).as_posix() for p in contract_paths(repo / root)}):
        if not rel.endswith(SUFFIX):
            continue
        old_text = git_show(ref, Path(rel), repo)
        new_path = repo / rel
        if old_text is None:
            continue  # a new contract breaks no one
        if not new_path.exists():
            out[rel] = [f"contract removed (was version {yaml.safe_load(old_text).get('version')})"]
            continue
        messages = breaking_changes(yaml.safe_load(old_text), load_contract(new_path))
        if messages:
            out[rel] = messages
    return out
