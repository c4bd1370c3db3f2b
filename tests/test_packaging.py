"""The cheap half of the installer checks; the build itself runs in packaging/build_linux.sh.

The frozen build takes minutes, so it is not run here (see docs/installer.md). These tests
catch the mistakes that would only show up there: a version that differs between the
distribution and the program, a spec that no longer parses or names a missing file, and an
entry script that does not reach the command line.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

from workbench import __version__

REPO = Path(__file__).resolve().parent.parent
PACKAGING = REPO / "packaging"


def test_one_version_number_everywhere():
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["version"] == __version__
    assert "pyinstaller>=6,<7" in pyproject["project"]["optional-dependencies"]["packaging"]


def test_spec_parses_and_names_files_that_exist():
    source = (PACKAGING / "workbench.spec").read_text(encoding="utf-8")
    tree = ast.parse(source)
    called = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    assert {"Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE"} <= called
    # one folder: every EXE leaves its libraries to COLLECT instead of packing them inside
    exes = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "EXE"]
    assert exes and all(
        any(k.arg == "exclude_binaries" and getattr(k.value, "value", None) is True for k in e.keywords) for e in exes
    )
    for name in ("workbench.ico", "workbench.icns", "workbench.png"):
        assert f'"{name}"' in source and (PACKAGING / "icons" / name).is_file()
    assert (PACKAGING / "launcher.py").is_file() and (REPO / "sample_data").is_dir()


def test_launcher_runs_the_command_line():
    result = subprocess.run(
        [sys.executable, str(PACKAGING / "launcher.py"), "--version"],
        capture_output=True, text=True, timeout=60, cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"workbench {__version__}"


def test_build_scripts_are_strict_bash():
    for name in ("build_linux.sh", "smoke_test.sh"):
        text = (PACKAGING / name).read_text(encoding="utf-8")
        assert text.startswith("#!/usr/bin/env bash") and "set -euo pipefail" in text
        check = subprocess.run(["bash", "-n", str(PACKAGING / name)], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
