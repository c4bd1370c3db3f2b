"""Passwords and field values stay out of error lines, copies and the server's log.

Against the real throwaway PostgreSQL (tests/pg_server.py), whose log file the tests read:
a password given in the URL (``user:pw@`` or ``?password=``) is never printed or stored; a
password file and ``PGPASSWORD`` work without one; and the values of a statement - a note's
text - never reach the server's log, not even when the statement fails, because values
are bound on the server (``$1`` in the statement text), not spliced into it.
"""

from __future__ import annotations

import sqlite3
import time
import uuid
from pathlib import Path

import pytest
from pg_server import PgServer, pg_server  # noqa: F401 - fixture
from server_team import Team, logins, password, team  # noqa: F401 - fixtures

pytestmark = pytest.mark.xdist_group("postgresql")


def _with_password(url: str, secret: str) -> str:
    return url.replace("amina@", f"amina:{secret}@", 1)


def test_a_password_in_the_url_is_never_printed(team: Team, run_cli, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    monkeypatch.delenv("PGPASSFILE")
    url = team.url("amina")
    wrong = "Wr0ng-S3cret-xyz"
    for bad in (_with_password(url, wrong), f"{url}?password={wrong}&application_name=x",
                f"{url}?sslmode=disable&password={wrong}"):
        code, out, err = run_cli("alerts", "--project", bad)
        assert code == 2, err
        assert err.startswith("error: cannot open the server project ") and "password authentication failed" in err
        assert wrong not in err + out and "***" in err
        assert len(err.strip().splitlines()) == 1


def test_a_checked_out_copy_stores_no_password(team: Team, run_cli, tmp_path: Path,  # noqa: ANN001
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PGPASSFILE")
    secret = password("amina")
    for n, url in enumerate((_with_password(team.url("amina"), secret), f"{team.url('amina')}?password={secret}")):
        copy = tmp_path / f"copy{n}.wbproj"
        code, out, err = run_cli("checkout", url, "--out", copy)
        assert code == 0, err
        assert secret not in out + err
        with sqlite3.connect(copy) as conn:
            origin = conn.execute("SELECT value FROM meta WHERE key = 'checked_out_from'").fetchone()[0]
        assert secret not in origin and "***" in origin
        assert secret.encode() not in copy.read_bytes()


def test_a_password_file_or_pgpassword_needs_no_password_in_the_url(team: Team, run_cli,  # noqa: ANN001
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    assert run_cli("alerts", "--project", team.url("amina"))[0] == 0  # PGPASSFILE, set by the fixture
    monkeypatch.delenv("PGPASSFILE")
    monkeypatch.setenv("PGPASSFILE", "/nonexistent/pgpass")
    code, out, err = run_cli("alerts", "--project", team.url("amina"))
    assert code == 2 and "password" in err  # no password from anywhere: refused, in one line
    monkeypatch.setenv("PGPASSWORD", password("amina"))
    assert run_cli("alerts", "--project", team.url("amina"))[0] == 0


# -- the server's log ---------------------------------------------------------------------------
def _log_after(server: PgServer, offset: int, marker: str, timeout: float = 5.0) -> str:
    """The server log written since ``offset``, once it mentions ``marker`` (or after a while)."""
    assert server.log is not None
    deadline = time.monotonic() + timeout
    while True:
        text = server.log.read_bytes()[offset:].decode("utf-8", "replace")
        if marker in text or time.monotonic() > deadline:
            return text
        time.sleep(0.1)


def _refused_note(team: Team, run_cli, note: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:  # noqa: ANN001
    """amina tries to verify with a note; the client's early check is skipped (as a hand-written
    client would), so the INSERT carrying the note reaches the server and fails there."""
    from workbench.store.pg import PgProject

    monkeypatch.setattr(PgProject, "require", lambda self, role, action: None)
    alert_id = json_first_alert(team, run_cli)
    assert run_cli("alert", alert_id, "--project", team.url("amina"), "--set", "acknowledged")[0] == 0
    offset = team.server.log.stat().st_size
    code, out, err = run_cli("alert", alert_id, "--project", team.url("amina"), "--set", "verified", "--note", note,
                             "--likelihood", "3", "--consequence", "3", "--outcome", "monitor")
    assert code == 1 and "needs the coordinator role" in err, err
    return offset, err


def json_first_alert(team: Team, run_cli) -> int:  # noqa: ANN001
    import json

    code, out, err = run_cli("alerts", "--project", team.url("amina"), "--format", "json")
    assert code == 0, err
    return json.loads(out)[0]["id"]


def test_a_failing_statement_s_note_never_reaches_the_server_log(team: Team, run_cli,  # noqa: ANN001
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    note = f"informant in Kibali market {uuid.uuid4().hex}"
    offset, err = _refused_note(team, run_cli, note, monkeypatch)
    log = _log_after(team.server, offset, "STATEMENT:")
    assert "needs the coordinator role" in log and "STATEMENT:" in log  # the failure IS logged (with $n) ...
    assert "INSERT INTO alert_event" in log and "$3" in log
    assert note not in log and note not in err  # ... without the note


def test_the_log_check_would_see_a_note_spliced_into_the_statement(team: Team, run_cli,  # noqa: ANN001
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The check above can fail: with client-side binding (psycopg's ClientCursor, what the
    store used before) the same refusal logs the note in the statement text."""
    import psycopg

    real_connect = psycopg.connect
    monkeypatch.setattr(psycopg, "connect",
                        lambda *a, **k: real_connect(*a, **{**k, "cursor_factory": psycopg.ClientCursor}))
    note = f"informant in Ruzizi {uuid.uuid4().hex}"
    offset, _ = _refused_note(team, run_cli, note, monkeypatch)
    assert note in _log_after(team.server, offset, note)


def test_with_every_statement_logged_values_stay_out_when_parameters_are_not_logged(
    team: Team, run_cli, monkeypatch: pytest.MonkeyPatch  # noqa: ANN001
) -> None:
    """``log_statement = all`` logs each statement's text and, by PostgreSQL's default, its
    values as a ``DETAIL: parameters:`` line; ``log_parameter_max_length = 0`` (which
    docs/deployment.md asks of a server that logs statements) keeps the values out."""
    alert_id = json_first_alert(team, run_cli)

    def note_in_log() -> tuple[str, bool]:
        note = f"the nephew of the chief {uuid.uuid4().hex}"  # no quote: the log would double it
        offset = team.server.log.stat().st_size
        code, out, err = run_cli("alert", alert_id, "--project", team.url("amina"), "--note", note)
        assert code == 0, err
        log = _log_after(team.server, offset, "INSERT INTO alert_event")
        assert "INSERT INTO alert_event" in log and "$3" in log
        return note, note in log

    team.server.admin_sql(f'ALTER DATABASE "{team.database}" SET log_statement = \'all\'')
    assert note_in_log()[1]  # PostgreSQL's default: the values follow the statement
    team.server.admin_sql(f'ALTER DATABASE "{team.database}" SET log_parameter_max_length = 0')
    note, logged = note_in_log()
    assert not logged
    code, out, err = run_cli("history", "--project", team.url("amina"), "--alert", alert_id, "--format", "json")
    assert note in out  # it was stored, of course


def test_commands_for_files_name_a_server_url_without_its_password(run_cli, tmp_path: Path) -> None:  # noqa: ANN001
    geojson = tmp_path / "b.geojson"
    geojson.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": '
                       '"Kibali"}, "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}}]}',
                       encoding="utf-8")
    for url in ("postgresql://amina:Sup3r-secret@wb-server/cohesion",
                "postgresql://amina@wb-server/cohesion?password=Sup3r-secret"):
        for args in (("restore", "--project", url), ("boundaries", geojson, "--project", url)):
            code, out, err = run_cli(*args)
            assert code == 2 and err.startswith("error: this command works on project files"), err
            assert "Sup3r-secret" not in out + err and "***" in err
