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
    assert "Contracts: 9 kept, 0 broken" in result.stdout
    # Among them: layers inside the core, the store's internals and databases behind its API.
    text = " ".join(result.stdout.split())
    assert "Inside the core: commands on top, then what they drive, then the store, then the leaves KEPT" in text
    assert "Only the store opens a database" in text
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


# Late imports that still close a cycle: none. Every import inside a function is there for
# start-up time (numba, scipy.stats, statsmodels, Qt-free command modules), never to hide a
# cycle; a new one that closes a cycle fails the test below.
KNOWN_LATE_CYCLES: set[tuple[str, str]] = set()


def test_no_import_inside_a_function_hides_a_cycle() -> None:
    """An import inside a function must not import, directly or not, the module it sits in."""
    import importlib.util

    import grimp

    graph = grimp.build_graph("workbench", "alerts", "ui", cache_dir=None, exclude_type_checking_imports=True)
    sources: dict[str, list[str]] = {}
    found = set()
    for importer in graph.modules:
        for imported in graph.find_modules_directly_imported_by(importer):
            for detail in graph.get_import_details(importer=importer, imported=imported):
                if importer not in sources:
                    origin = importlib.util.find_spec(importer).origin
                    sources[importer] = Path(origin).read_text(encoding="utf-8").splitlines()
                line = sources[importer][detail["line_number"] - 1]
                if line[:1].isspace() and graph.find_shortest_chain(importer=imported, imported=importer):
                    found.add((importer, imported))
    assert found <= KNOWN_LATE_CYCLES, sorted(found - KNOWN_LATE_CYCLES)
