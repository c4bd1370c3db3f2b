"""Field data stays on the laptop: no network code, no network use, no data in logs."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("workbench", "alerts", "ui")

# Anything that can talk to another machine. Local-only uses are listed with the reason.
NETWORK = re.compile(
    r"^\s*(?:from|import)\s+(?:socket|ssl|urllib\.request|urllib3|http\.client|http\.server|requests|httpx|"
    r"aiohttp|ftplib|smtplib|poplib|imaplib|xmlrpc|telnetlib|websocket\w*|PySide6\.QtNetwork|"
    r"PySide6\.QtWebEngine\w*)\b"
    r"|QNetworkAccessManager|QTcpSocket|QUdpSocket|QWebEngine|webbrowser\.open|urlopen\(",
    re.MULTILINE,
)
ALLOWED: dict[str, str] = {
    # path relative to the repository: why it may match
}
LOCAL_URL = re.compile(r"openUrl\((?!QUrl\.fromLocalFile\()")  # QDesktopServices may open local files only


def _sources() -> list[Path]:
    return sorted(p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py"))


def test_no_network_client_in_the_code() -> None:
    offenders = []
    for path in _sources():
        rel = path.relative_to(ROOT).as_posix()
        text = path.read_text(encoding="utf-8")
        hits = NETWORK.findall(text) + LOCAL_URL.findall(text)
        if hits and rel not in ALLOWED:
            offenders.append(f"{rel}: {sorted(set(h.strip() for h in hits))}")
    assert not offenders, "network code found:\n" + "\n".join(offenders)
    assert len(_sources()) > 50  # the scan really saw the code


def test_the_scan_would_catch_a_network_import(tmp_path: Path) -> None:
    for line in ("import socket", "from urllib.request import urlopen", "import requests",
                 "from PySide6.QtNetwork import QNetworkAccessManager", "    import http.client",
                 "QDesktopServices.openUrl(QUrl('https://example.org'))"):
        assert NETWORK.search(line) or LOCAL_URL.search(line), line
    for line in ("from urllib.parse import quote", "QDesktopServices.openUrl(QUrl.fromLocalFile(p))",
                 "# sockets are not used"):
        assert not (NETWORK.search(line) or LOCAL_URL.search(line)), line


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Any attempt to resolve or connect fails the test (and is recorded)."""
    attempts: list[str] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(repr(args[:2]))
        raise AssertionError(f"network use: {args[:2]!r}")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket.socket, "sendto", refuse)
    return attempts


SECRET_VALUE = 987654.125
SECRET_NOTE = "Informant Zafirah said the youth council meets at the mill"
SECRET_DISTRICT = "Qwertyvale"


def _secret_csv(path: Path) -> Path:
    periods = pd.date_range("2021-01-01", periods=36, freq="MS").strftime("%Y-%m")
    values = [12.5 + (i % 5) for i in range(36)]
    values[-1] = SECRET_VALUE
    pd.DataFrame({"district": SECRET_DISTRICT, "indicator": "hate_speech_reports", "month": periods,
                  "value": values}).to_csv(path, index=False)
    return path


def test_a_whole_session_uses_no_network(no_network: list[str], tmp_path: Path, project_path: Path, run_cli) -> None:
    csv = _secret_csv(tmp_path / "field.csv")
    for args in (("import", csv, "--project", project_path), ("run", "--project", project_path),
                 ("alerts", "--project", project_path, "--format", "json"),
                 ("data", "--project", project_path), ("history", "--project", project_path)):
        code, _, err = run_cli(*args)
        assert code == 0, (args, err)
    assert no_network == []


def _logs(tmp_path_env: str) -> str:
    folder = Path(tmp_path_env)
    return "\n".join(p.read_text(encoding="utf-8") for p in folder.glob("*.log"))


def test_a_crash_during_import_logs_no_field_data(
    tmp_path: Path, project_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from workbench.store.project import Project

    def crash(self: Project, frame: pd.DataFrame, import_id: int) -> None:
        # The worst case: an exception whose message and locals carry the data.
        values = frame["value"].tolist()
        raise ValueError(f"cannot write {values} for {SECRET_DISTRICT}")

    monkeypatch.setattr(Project, "write_observations", crash)
    code, out, err = run_cli("import", _secret_csv(tmp_path / "field.csv"), "--project", project_path)
    assert code == 1 and err.startswith("error: internal error (ValueError); details in ")
    log = _logs(os.environ["WORKBENCH_LOG_DIR"])
    assert log.startswith("builtins.ValueError") and "in crash" in log  # the stack is there, the data not
    for secret in (str(SECRET_VALUE), "987654", SECRET_DISTRICT, "hate_speech_reports", "field.csv"):
        assert secret not in log and secret not in err, secret


def test_a_crash_while_saving_a_note_logs_no_note(project_path: Path, tmp_path: Path, run_cli,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from alerts import lifecycle

    code, _, err = run_cli("import", _secret_csv(tmp_path / "field.csv"), "--project", project_path)
    assert code == 0, err
    assert run_cli("run", "--project", project_path)[0] == 0
    real = lifecycle.add_note

    def crash(conn, alert_id, note, *, actor):  # noqa: ANN001 - same signature as the real one
        real(conn, alert_id, note, actor=actor)
        raise KeyError(note)

    monkeypatch.setattr(lifecycle, "add_note", crash)
    code, out, err = run_cli("alert", "1", "--project", project_path, "--note", SECRET_NOTE, "--actor", "Zafirah")
    assert code == 1 and "internal error (KeyError)" in err
    log = _logs(os.environ["WORKBENCH_LOG_DIR"])
    assert "KeyError" in log
    for secret in (SECRET_NOTE, "Zafirah", "mill", str(SECRET_VALUE)):
        assert secret not in log and secret not in err, secret
    # and the failed command wrote nothing: the note is not half-saved either
    from workbench.store import open_project

    with open_project(project_path, readonly=True) as p:
        assert p.conn.execute("SELECT count(*) FROM alert_event WHERE note = ?", (SECRET_NOTE,)).fetchone()[0] == 0
