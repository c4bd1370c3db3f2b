"""The alert lifecycle: every legal and illegal transition, verification, notes, snooze, history."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from alerts_factory import event_rows, noise_series, with_step, write_series

from alerts import lifecycle
from alerts.engine import run_models
from alerts.lifecycle import OPEN, STATUSES, TRANSITIONS, risk_level
from workbench.errors import WorkbenchError
from workbench.store import open_project

# How to bring a fresh alert to each status (through legal steps only).
PATHS: dict[str, list[str]] = {
    "new": [],
    "acknowledged": ["acknowledged"],
    "verified": ["acknowledged", "verified"],
    "escalated": ["acknowledged", "verified", "escalated"],
    "closed": ["acknowledged", "verified", "closed"],
    "dismissed": ["dismissed"],
}
TARGETS = (*STATUSES, "reopen")
EXTRA = {"dismissed": {"reason": "false_alarm"},
         "verified": {"likelihood": 4, "consequence": 3, "outcome": "respond"}}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with one new alert, made once and copied by each test."""
    path = tmp_path_factory.mktemp("lifecycle") / "template.wbproj"
    write_series(path, {("Kibali", "perceived_discrimination"): with_step(noise_series(40, 1), 32, 8),
                        ("Arua", "perceived_discrimination"): noise_series(40, 2)})
    summary = run_models(path)
    assert summary.created == 1
    return path


@pytest.fixture
def project(template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "p.wbproj"
    path.write_bytes(template.read_bytes())
    return path


def bring_to(conn: sqlite3.Connection, status: str) -> None:
    for step in PATHS[status]:
        lifecycle.set_status(conn, 1, step, actor="test", **EXTRA.get(step, {}))


def status_of(conn: sqlite3.Connection, alert_id: int = 1) -> str:
    return conn.execute("SELECT status FROM alert WHERE id = ?", (alert_id,)).fetchone()[0]


MATRIX = [(src, dst) for src in PATHS for dst in TARGETS]


@pytest.mark.parametrize(("src", "dst"), MATRIX, ids=[f"{s}->{d}" for s, d in MATRIX])
def test_transition_matrix(project: Path, src: str, dst: str) -> None:
    with open_project(project) as p, p.transaction() as conn:
        bring_to(conn, src)
        assert status_of(conn) == src
        n_events = conn.execute("SELECT count(*) FROM alert_event").fetchone()[0]
        if dst in TRANSITIONS[src]:
            change = lifecycle.set_status(conn, 1, dst, actor="amina", note="ok", **EXTRA.get(dst, {}))
            if dst == "reopen":
                new = change.new_alert_id
                assert status_of(conn) == src  # the decided alert stays as decided
                assert status_of(conn, new) == "new"
                prev = conn.execute("SELECT previous_alert_id FROM alert WHERE id = ?", (new,)).fetchone()[0]
                assert prev == 1
            else:
                assert status_of(conn) == dst
                last = conn.execute(
                    "SELECT actor, from_status, to_status, note, kind FROM alert_event ORDER BY id DESC LIMIT 1"
                ).fetchone()
                assert last == ("amina", src, dst, "ok", "transition")
        else:
            with pytest.raises(WorkbenchError) as err:
                lifecycle.set_status(conn, 1, dst, actor="amina", **EXTRA.get(dst, {}))
            msg = str(err.value)
            assert f"alert 1 is {src}" in msg and "legal next" in msg
            for legal in TRANSITIONS[src]:
                assert legal in msg
            assert status_of(conn) == src
            assert conn.execute("SELECT count(*) FROM alert_event").fetchone()[0] == n_events


def test_withdrawn_is_final_for_people(project: Path) -> None:
    with open_project(project) as p, p.transaction() as conn:
        conn.execute("INSERT INTO alert_event(event_uid, alert_id, at, actor, from_status, to_status, kind, origin)"
                     " VALUES ('w', 1, '2999-01-01T00:00:00.000000+00:00', 'system', 'new', 'withdrawn', 'run', 'x')")
        from alerts.history import refresh_alert_state

        refresh_alert_state(conn, 1)
        for dst in TARGETS:
            with pytest.raises(WorkbenchError, match="legal next: none"):
                lifecycle.set_status(conn, 1, dst, actor="a", **EXTRA.get(dst, {}))


def test_dismiss_needs_a_known_reason(project: Path) -> None:
    with open_project(project) as p, p.transaction() as conn:
        with pytest.raises(WorkbenchError, match="--reason"):
            lifecycle.set_status(conn, 1, "dismissed", actor="a")
        with pytest.raises(WorkbenchError, match="unknown dismissal reason"):
            lifecycle.set_status(conn, 1, "dismissed", actor="a", reason="boring")
        lifecycle.set_status(conn, 1, "dismissed", actor="a", reason="Known cause")
        assert conn.execute("SELECT dismiss_reason FROM alert WHERE id = 1").fetchone()[0] == "known_cause"


def test_verification_records_the_risk_assessment(project: Path) -> None:
    with open_project(project) as p, p.transaction() as conn:
        lifecycle.set_status(conn, 1, "acknowledged", actor="a")
        with pytest.raises(WorkbenchError, match="likelihood"):
            lifecycle.set_status(conn, 1, "verified", actor="a")
        with pytest.raises(WorkbenchError, match="outcome"):
            lifecycle.set_status(conn, 1, "verified", actor="a", likelihood=2, consequence=2, outcome="panic")
        with pytest.raises(WorkbenchError, match="1 to 5"):
            lifecycle.set_status(conn, 1, "verified", actor="a", likelihood=6, consequence=2, outcome="monitor")
        lifecycle.set_status(conn, 1, "verified", actor="a", likelihood=5, consequence=4, outcome="respond")
        row = conn.execute("SELECT likelihood, consequence, risk_level, outcome FROM alert WHERE id = 1").fetchone()
        assert row == (5, 4, "very high", "respond")
        details = json.loads(conn.execute("SELECT details FROM alert_event ORDER BY id DESC LIMIT 1").fetchone()[0])
        assert details["risk_level"] == "very high"


@pytest.mark.parametrize(("lik", "con", "level"), [(1, 1, "low"), (1, 5, "high"), (3, 3, "high"), (2, 3, "moderate"),
                                                    (5, 1, "high"), (5, 5, "very high"), (4, 2, "high")])
def test_who_risk_matrix(lik: int, con: int, level: str) -> None:
    assert risk_level(lik, con) == level


def test_notes_and_snooze_are_events(project: Path) -> None:
    with open_project(project) as p, p.transaction() as conn:
        lifecycle.add_note(conn, 1, "called the district office", actor="bob")
        assert lifecycle.snooze(conn, 1, "2026-05", actor="bob") == "2026-05-01"
        assert conn.execute("SELECT status, snoozed_until FROM alert WHERE id = 1").fetchone() == ("new", "2026-05-01")
        lifecycle.set_status(conn, 1, "dismissed", actor="bob", reason="data_error")
        assert conn.execute("SELECT snoozed_until FROM alert WHERE id = 1").fetchone()[0] is None
        with pytest.raises(WorkbenchError, match="only open alerts"):
            lifecycle.snooze(conn, 1, "2026-06", actor="bob")
        with pytest.raises(WorkbenchError, match="needs some text"):
            lifecycle.add_note(conn, 1, "  ", actor="bob")
    kinds = [(e[4], e[7], e[8]) for e in event_rows(project)]
    assert kinds[1:] == [("bob", "called the district office", "note"), ("bob", "snoozed until 2026-05", "note"),
                         ("bob", None, "transition")]


def test_alert_events_are_append_only(project: Path) -> None:
    with open_project(project) as p:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            p.conn.execute("UPDATE alert_event SET note = 'rewritten'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            p.conn.execute("DELETE FROM alert_event")
        assert p.conn.execute("SELECT count(*) FROM alert_event").fetchone()[0] == 1


def test_unknown_alert_and_status(project: Path) -> None:
    with open_project(project) as p, p.transaction() as conn:
        with pytest.raises(WorkbenchError, match="no alert 99"):
            lifecycle.set_status(conn, 99, "acknowledged", actor="a")
        with pytest.raises(WorkbenchError, match="'solved' is not a status"):
            lifecycle.set_status(conn, 1, "solved", actor="a")


def test_cli_alert_command(project: Path, run_cli) -> None:
    code, out, err = run_cli("alert", "1", "--project", project, "--set", "acknowledged", "--actor", "amina",
                             "--note", "seen")
    assert (code, err) == (0, "") and "new → acknowledged" in out
    code, out, err = run_cli("alert", "1", "--project", project, "--set", "escalated")
    assert code == 1 and err.startswith("error: alert 1 is acknowledged") and err.count("\n") == 1
    assert "legal next: verified, dismissed" in err
    code, out, err = run_cli("alert", "1", "--project", project, "--note", "just a note", "--actor", "bob")
    assert code == 0 and "note added" in out
    code, out, err = run_cli("alert", "1", "--project", project)
    assert code == 1 and "nothing to do" in err
    code, out, err = run_cli("alert", "1", "--project", project, "--set", "verified", "--likelihood", "3",
                             "--consequence", "3", "--outcome", "monitor")
    assert code == 0
    code, out, err = run_cli("history", "--project", project, "--alert", "1", "--format", "json")
    events = json.loads(out)
    assert [e["to_status"] for e in events] == ["new", "acknowledged", None, "verified"]
    assert [e["actor"] for e in events][:3] == ["system", "amina", "bob"]


def test_waiting_for_verification_is_shown(project: Path, run_cli) -> None:
    import datetime as dt

    from alerts.listing import alerts_frame

    with open_project(project) as p:
        opened = dt.datetime.fromisoformat(p.conn.execute("SELECT min(at) FROM alert_event").fetchone()[0])
        later = opened + dt.timedelta(days=3, hours=12)
        df = alerts_frame(p.conn, now=later)
        assert df.loc[0, "waiting_days"] == 3.5
        with p.transaction() as conn:
            bring_to(conn, "verified")
        df = alerts_frame(p.conn, now=later + dt.timedelta(days=30))
        assert df.loc[0, "waiting_days"] < 1  # verified right away, the clock stopped


def test_open_statuses_are_the_first_four() -> None:
    assert OPEN == ("new", "acknowledged", "verified", "escalated")
