"""The repository keeps its own contract: docs that point at nothing outside it, no stray
files at its root, and a command-line contract (docs/cli.md) that names real commands."""

from __future__ import annotations

import re
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: What may sit at the root of the repository (everything else lives in a folder).
ROOT_FILES = {".gitignore", "README.md", "pyproject.toml"}


def _tracked() -> list[str]:
    try:
        out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    except OSError:
        pytest.skip("git is not installed here")
    if out.returncode != 0:
        pytest.skip("not a git checkout (an unpacked copy)")
    return out.stdout.splitlines()


def test_no_stray_files_at_the_root() -> None:
    at_root = {p for p in _tracked() if "/" not in p}
    assert at_root <= ROOT_FILES, sorted(at_root - ROOT_FILES)


def test_docs_point_at_nothing_outside_the_repository() -> None:
    outside = re.compile(r"\.\./shared|/work/|DESIGN\.md|STYLE\.md")
    found = []
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for n, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), start=1):
            if outside.search(line):
                found.append(f"{doc.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not found, "\n".join(found)


def test_the_command_line_contract_names_real_commands() -> None:
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    contract = text.split("## The contract", 1)[1].split("\n## ", 1)[0]
    block = contract.split("```", 2)[1]
    # "workbench NAME [--opt ...]" (the bare "workbench" line opens the app)
    named = {m[1] for line in block.splitlines() if (m := re.match(r"workbench ([a-z]+) (\[|--|[A-Z])", line))}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    commands = set(project["project"]["entry-points"]["workbench.commands"])
    assert named and named <= commands, sorted(named - commands)
