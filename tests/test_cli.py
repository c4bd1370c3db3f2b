"""The dispatcher's contract: one error line, the right exit code, never a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

from workbench import cli
from workbench.errors import UnusableInputError, WorkbenchError


def test_python_dash_m_and_version() -> None:
    out = subprocess.run([sys.executable, "-m", "workbench", "--version"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0
    assert out.stdout.startswith("workbench ")


@pytest.mark.parametrize(
    ("exc", "code", "line"),
    [
        (WorkbenchError("illegal transition"), 1, "error: illegal transition"),
        (UnusableInputError("x.xlsx is password-protected"), 2, "error: x.xlsx is password-protected"),
    ],
)
def test_workbench_errors_become_one_line(monkeypatch, capsys, exc, code, line) -> None:
    def handler(args):
        raise exc

    parser = cli.build_parser()
    monkeypatch.setattr(cli, "build_parser", lambda: _with_handler(parser, handler))
    assert cli.main(["boom"]) == code
    err = capsys.readouterr().err
    assert err.splitlines() == [line]


def test_unexpected_error_is_logged_not_printed(monkeypatch, capsys, tmp_path) -> None:
    monkeypatch.setenv("WORKBENCH_LOG_DIR", str(tmp_path))

    def handler(args):
        raise KeyError("secret field value 41.5")

    parser = cli.build_parser()
    monkeypatch.setattr(cli, "build_parser", lambda: _with_handler(parser, handler))
    assert cli.main(["boom"]) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and err.startswith("error: internal error (KeyError)")
    assert "Traceback" not in err
    logs = list(tmp_path.glob("crash-*.log"))
    assert len(logs) == 1
    text = logs[0].read_text()
    assert "KeyError" in text and "41.5" not in text  # no field data in logs


def _with_handler(parser, handler):
    sub = next(a for a in parser._subparsers._group_actions)
    sub.add_parser("boom").set_defaults(handler=handler)
    return parser
