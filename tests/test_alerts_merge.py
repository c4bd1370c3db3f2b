"""Merging two offices' copies: no event lost, none doubled, status from the merged log."""

from __future__ import annotations

from pathlib import Path

import pytest
from alerts_factory import alert_rows, event_rows, noise_series, with_step, write_series

from alerts import lifecycle
from alerts.engine import run_models
from alerts.merge import merge_projects
from workbench.errors import UnusableInputError
from workbench.store import open_project


def series(n: int = 44) -> dict:
    return {("Kibali", "perceived_discrimination"): with_step(noise_series(48, 1), 36, 8)[:n],
            ("Arua", "perceived_discrimination"): with_step(noise_series(48, 3), 40, 8)[:n]}


@pytest.fixture
def offices(tmp_path: Path) -> tuple[Path, Path]:
    """Office A's project and office B's copy of it, taken after the first run."""
    a, b = tmp_path / "a.wbproj", tmp_path / "b.wbproj"
    write_series(a, series())
    assert run_models(a).created == 2
    b.write_bytes(a.read_bytes())
    return a, b


def act(path: Path, fn, *args, **kw) -> None:
    with open_project(path) as p, p.transaction() as conn:
        fn(conn, *args, **kw)


def uids(path: Path) -> list[str]:
    return sorted(e[1] for e in event_rows(path))


def test_merge_brings_every_event_once_and_twice_changes_nothing(offices: tuple[Path, Path]) -> None:
    a, b = offices
    act(a, lifecycle.set_status, 1, "acknowledged", actor="amina", note="A looks at it")
    act(b, lifecycle.add_note, 1, "B called the district office", actor="bob")
    act(b, lifecycle.set_status, 2, "dismissed", actor="bob", reason="data_error")
    before_a, before_b = set(uids(a)), set(uids(b))
    r = merge_projects(a, b)
    assert (r.events_added, r.alerts_added, r.alerts_changed) == (2, 0, 1)
    assert set(uids(a)) == before_a | before_b and len(uids(a)) == len(before_a | before_b)
    with open_project(a, readonly=True) as p:
        assert dict(p.conn.execute("SELECT id, status FROM alert")) == {1: "acknowledged", 2: "dismissed"}
    rows, events = alert_rows(a), event_rows(a)
    again = merge_projects(a, b)
    assert (again.events_added, again.alerts_added, again.alerts_changed) == (0, 0, 0)
    assert alert_rows(a) == rows and event_rows(a) == events
    # and the other way round both offices end with the same history and statuses
    merge_projects(b, a)
    assert uids(a) == uids(b)
    with open_project(b, readonly=True) as p:
        assert dict(p.conn.execute("SELECT id, status FROM alert")) == {1: "acknowledged", 2: "dismissed"}


def test_status_follows_the_merged_log_in_time_order(offices: tuple[Path, Path]) -> None:
    a, b = offices
    act(a, lifecycle.set_status, 2, "acknowledged", actor="amina")
    act(b, lifecycle.set_status, 2, "acknowledged", actor="bob")
    act(b, lifecycle.set_status, 2, "dismissed", actor="bob", reason="false_alarm")  # later in time
    merge_projects(a, b)
    merge_projects(b, a)
    for path in (a, b):
        with open_project(path, readonly=True) as p:
            assert p.conn.execute("SELECT status, dismiss_reason FROM alert WHERE id = 2").fetchone() == (
                "dismissed", "false_alarm")


def test_a_conflicting_change_from_a_state_already_left_is_kept_but_not_applied(
        offices: tuple[Path, Path]) -> None:
    """Both offices moved alert 1 away from "new": the first change in time wins on both copies;
    the other is still in the history."""
    a, b = offices
    act(a, lifecycle.set_status, 1, "acknowledged", actor="amina")
    act(b, lifecycle.set_status, 1, "dismissed", actor="bob", reason="false_alarm")  # later, from "new"
    merge_projects(a, b)
    merge_projects(b, a)
    for path in (a, b):
        with open_project(path, readonly=True) as p:
            assert p.conn.execute("SELECT status, dismiss_reason FROM alert WHERE id = 1").fetchone() == (
                "acknowledged", None)
            assert p.conn.execute(
                "SELECT count(*) FROM alert_event WHERE alert_id = 1 AND to_status = 'dismissed'").fetchone() == (1,)


def test_alerts_only_in_the_other_copy_are_copied(offices: tuple[Path, Path]) -> None:
    a, b = offices
    write_series(b, series(48), file_name="more.csv")
    act(b, lifecycle.set_status, 1, "dismissed", actor="bob", reason="known_cause")
    run_models(b)  # B's new data: alert 1 continues after its dismissal -> a new linked alert
    with open_project(b, readonly=True) as p:
        b_new = p.conn.execute("SELECT uid, previous_alert_id FROM alert WHERE id = 3").fetchone()
    assert b_new[1] == 1
    r = merge_projects(a, b)
    assert r.alerts_added == 1
    with open_project(a, readonly=True) as p:
        copied = p.conn.execute("SELECT id, status, previous_alert_id FROM alert WHERE uid = ?", (b_new[0],)).fetchone()
        assert copied[1:] == ("new", 1)
        assert p.conn.execute("SELECT count(*) FROM alert_event WHERE alert_id = ?", (copied[0],)).fetchone()[0] == 1
    assert merge_projects(a, b).events_added == 0


def test_same_alert_found_by_its_series_when_both_offices_ran_the_models(tmp_path: Path) -> None:
    a, b = tmp_path / "a.wbproj", tmp_path / "b.wbproj"
    write_series(a, series())
    b.write_bytes(a.read_bytes())  # copied before any run
    run_models(a)
    run_models(b)
    act(b, lifecycle.add_note, 1, "B's note", actor="bob")
    r = merge_projects(a, b)
    assert r.alerts_added == 0 and r.events_added == 3  # B's two "opened" events and its note
    with open_project(a, readonly=True) as p:
        assert p.conn.execute("SELECT count(*) FROM alert").fetchone()[0] == 2


def test_refuses_a_different_project(offices: tuple[Path, Path], tmp_path: Path, run_cli) -> None:
    a, _ = offices
    other = tmp_path / "other.wbproj"
    write_series(other, series())
    before = a.read_bytes()
    with pytest.raises(UnusableInputError, match="different project"):
        merge_projects(a, other)
    code, out, err = run_cli("merge", other, "--project", a)
    assert code == 2 and err.startswith("error: other.wbproj is a different project")
    code, out, err = run_cli("merge", tmp_path / "nope.wbproj", "--project", a)
    assert code == 2
    assert a.read_bytes() == before


def test_cli_merge(offices: tuple[Path, Path], run_cli) -> None:
    a, b = offices
    act(b, lifecycle.add_note, 2, "from B", actor="bob")
    code, out, err = run_cli("merge", b, "--project", a)
    assert code == 0 and "1 new event(s)" in out, err


def test_the_other_office_running_later_does_not_reopen_a_closed_alert(tmp_path: Path) -> None:
    """Each office's run logs its own "opened by run" event; the later one must not rewind a close."""
    a, b = tmp_path / "a.wbproj", tmp_path / "b.wbproj"
    write_series(a, series())
    b.write_bytes(a.read_bytes())  # copied before any run
    run_models(a)
    act(a, lifecycle.set_status, 1, "acknowledged", actor="amina")
    act(a, lifecycle.set_status, 1, "verified", actor="amina", likelihood=3, consequence=3, outcome="monitor")
    act(a, lifecycle.set_status, 1, "closed", actor="amina")
    run_models(b)  # office B runs on the same data after A closed the alert
    merge_projects(a, b)
    merge_projects(b, a)
    for path in (a, b):
        with open_project(path, readonly=True) as p:
            assert p.conn.execute("SELECT status, outcome FROM alert WHERE id = 1").fetchone() == (
                "closed", "monitor"), path.name


def test_follow_up_alerts_match_when_both_offices_created_the_first(tmp_path: Path) -> None:
    """The predecessor differs in uid between copies; the follow-up must still be one alert."""
    a, b = tmp_path / "a.wbproj", tmp_path / "b.wbproj"
    write_series(a, series())
    b.write_bytes(a.read_bytes())  # copied before any run: every alert has a different uid
    for path in (a, b):
        run_models(path)
        act(path, lifecycle.set_status, 1, "dismissed", actor="x", reason="known_cause")
        write_series(path, series(48), file_name="more.csv")
        run_models(path)  # the episode continues -> a follow-up alert linked to alert 1
        with open_project(path, readonly=True) as p:
            assert p.conn.execute("SELECT previous_alert_id FROM alert WHERE id = 3").fetchone() == (1,)
    before = alert_rows(a)
    r = merge_projects(a, b)
    assert r.alerts_added == 0
    assert len(alert_rows(a)) == len(before) == 3
    with open_project(a, readonly=True) as p:
        assert dict(p.conn.execute("SELECT id, status FROM alert")) == {1: "dismissed", 2: "new", 3: "new"}
