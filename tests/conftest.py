"""Shared fixtures. Qt runs offscreen; logs go to a temporary folder, never the user's."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep logs, settings and user data of every test out of the real user folders."""
    base = tmp_path_factory.mktemp("userdirs")
    monkeypatch.setenv("WORKBENCH_LOG_DIR", str(base / "logs"))
    monkeypatch.setenv("WORKBENCH_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("WORKBENCH_DATA_DIR", str(base / "data"))


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    """Where a test's project file goes (not yet created)."""
    return tmp_path / "test.wbproj"


@pytest.fixture
def run_cli():
    """Run the CLI in-process: returns (exit_code, stdout, stderr)."""
    import contextlib
    import io

    from workbench.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main([str(a) for a in args])
        return code, out.getvalue(), err.getvalue()

    return run
