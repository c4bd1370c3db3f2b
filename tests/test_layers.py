"""The headless packages never import Qt and the layers run ui -> alerts -> workbench."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_linter_contracts_hold() -> None:
    exe = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(exe)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 5 kept, 0 broken" in result.stdout
    # Among them: reading rules and the method list stays light (the desktop does it while
    # a project opens).
    assert "Reading rules and the method list import no detector and no scipy" in " ".join(result.stdout.split())


def test_core_runs_without_qt() -> None:
    """Importing every core module in a fresh interpreter pulls in no Qt module."""
    code = (
        "import sys, pkgutil, importlib\n"
        "import workbench, alerts\n"
        "for pkg in (workbench, alerts):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        if not m.name.endswith('__main__'):\n"
        "            importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph')]\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
