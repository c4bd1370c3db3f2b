"""The weekly meeting, headless: the marker, what moved since it, corrections, the CLI's view of both."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from alerts_factory import noise_series, with_step, write_series

from alerts import operations
from alerts.engine import run_models
from alerts.history import history_frame
from alerts.listing import read_alerts
from alerts.meeting import (
    OVERDUE_DAYS, agenda_reasons, decisions_since, marker_time, read_marker, since_meeting, situation_reasons,
)
from workbench.errors import WorkbenchError
from workbench.store import open_project
from workbench.vocabulary import correction_targets

VERIFY = {"likelihood": 4, "consequence": 3, "outcome": "respond"}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Kibali: an episode still ongoing at the end of the data; Arua: one that ended years ago."""
    path = tmp_path_factory.mktemp("meeting") / "template.wbproj"
    write_series(path, {("Kibali", "perceived_discrimination"): with_step(noise_series(48, 1), 40, 8),
                        ("Arua", "perceived_discrimination"): with_step(noise_series(48, 2), 12, 9, length=6)})
    run_models(path)
    return path


@pytest.fixture
def project(template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "p.wbproj"
    path.write_bytes(template.read_bytes())
    return path


def agenda(path: Path, *, now: dt.datetime | None = None):
    with open_project(path, readonly=True) as p:
        alerts = read_alerts(p.conn, now=now)
        return alerts, since_meeting(alerts, history_frame(p.conn), marker_time(read_marker(p), now=now))


def ids(path: Path) -> tuple[int, int]:
    alerts, _ = agenda(path)
    ongoing = alerts.loc[(alerts["region"] == "Kibali") & alerts["active"], "id"]
    ended = alerts.loc[(alerts["region"] == "Arua") & ~alerts["ongoing"].astype(bool), "id"]
    assert len(ongoing) and len(ended), alerts[["id", "region", "active", "ongoing", "last_period"]]
    return int(ongoing.iloc[0]), int(ended.iloc[0])


def why_of(frame, alert_id: int) -> str:
    hit = frame.loc[frame["id"] == alert_id, "why"]
    return "" if hit.empty else str(hit.iloc[0])


def test_without_a_marker_the_agenda_is_the_last_week_and_ended_episodes_are_not_news(project: Path) -> None:
    ongoing, ended = ids(project)
    with open_project(project, readonly=True) as p:
        assert read_marker(p) is None
    _, items = agenda(project)
    assert why_of(items, ongoing) == "new"
    assert ended not in set(items["id"])  # raised by the same run, but its episode ended long ago


def test_the_marker_is_kept_in_the_project_and_empties_the_agenda(project: Path) -> None:
    ongoing, _ = ids(project)
    operations.set_meeting(project, dt.datetime.now(dt.timezone.utc).isoformat(), actor="amina")
    with open_project(project, readonly=True) as p:
        marker = read_marker(p)
    assert marker is not None and marker.set_by == "amina" and marker.source == "set"
    _, items = agenda(project)
    assert items.empty
    # What people decide after the meeting is on the next one's agenda, with why.
    operations.decide(project, [ongoing], status="acknowledged", actor="amina")
    _, items = agenda(project)
    assert why_of(items, ongoing) == "changed"
    operations.decide(project, [ongoing], status="verified", actor="amina", **VERIFY)
    operations.decide(project, [ongoing], status="escalated", actor="amina")
    alerts, items = agenda(project)
    assert why_of(items, ongoing) == "escalated, changed"
    assert situation_reasons(items) == {int(alerts.loc[alerts["id"] == ongoing, "situation_id"].iloc[0]):
                                        "escalated, changed"}


def test_a_marker_date_in_the_past_and_an_unverified_alert_overdue(project: Path) -> None:
    ongoing, _ = ids(project)
    operations.set_meeting(project, "2000-01-01", actor="amina")
    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=OVERDUE_DAYS + 3)
    _, items = agenda(project, now=later)
    assert why_of(items, ongoing) == "new, overdue"


@pytest.mark.parametrize("bad", ["yesterday-ish", "1850-01-01", ""])
def test_a_bad_marker_date_is_one_error_and_changes_nothing(project: Path, bad: str) -> None:
    with pytest.raises(WorkbenchError):
        operations.set_meeting(project, bad)
    with open_project(project, readonly=True) as p:
        assert read_marker(p) is None


def test_a_decision_on_an_ended_alert_does_not_make_it_active(project: Path) -> None:
    _, ended = ids(project)
    operations.decide(project, [ended], status="acknowledged", actor="amina")
    alerts, _ = agenda(project)
    row = alerts[alerts["id"] == ended].iloc[0]
    assert row["status"] == "acknowledged" and not row["active"]


def test_a_correction_keeps_both_events_and_the_replay_ends_corrected(project: Path) -> None:
    ongoing, _ = ids(project)
    operations.decide(project, [ongoing], status="acknowledged", actor="amina")
    operations.decide(project, [ongoing], status="verified", actor="amina", **VERIFY)
    ch = operations.correct(project, ongoing, status="acknowledged", note="verified the wrong district", actor="omar")
    assert ch.alerts == {ongoing} and "verified corrected to acknowledged" in ch.messages[0]
    with open_project(project, readonly=True) as p:
        row = p.conn.execute("SELECT status, likelihood, risk_level, outcome FROM alert WHERE id = ?",
                             (ongoing,)).fetchone()
        events = history_frame(p.conn, alert_id=ongoing, parsed=True)
    assert tuple(row) == ("acknowledged", None, None, None)  # the wrong assessment no longer stands
    verify = events[events["to_status"] == "verified"]
    assert len(verify) == 1  # the wrong decision is still in the history
    fix = events.iloc[-1]
    assert fix["details"]["correction"] is True and fix["details"]["corrects"] == verify["event_uid"].iloc[0]
    assert (fix["from_status"], fix["to_status"], fix["actor"]) == ("verified", "acknowledged", "omar")
    decided = decisions_since(events, None)
    assert list(decided["kind"]) == ["transition", "transition", "correction"]
    assert decided["risk_level"].iloc[1] == "high" and decided["outcome"].iloc[1] == "respond"


def test_a_correction_can_fix_a_dismissal_reason_and_undo_a_close(project: Path) -> None:
    ongoing, ended = ids(project)
    operations.decide(project, [ended], status="dismissed", reason="false_alarm", actor="amina")
    operations.correct(project, ended, status="dismissed", reason="data_error", note="it was the data", actor="amina")
    operations.decide(project, [ongoing], status="acknowledged", actor="amina")
    operations.decide(project, [ongoing], status="verified", actor="amina", **VERIFY)
    operations.decide(project, [ongoing], status="closed", actor="amina")
    operations.correct(project, ongoing, status="escalated", note="closed too early", actor="amina")
    with open_project(project, readonly=True) as p:
        got = dict(p.conn.execute("SELECT id, status || ' ' || coalesce(dismiss_reason, risk_level) FROM alert"
                                  " WHERE id IN (?, ?)", (ongoing, ended)).fetchall())
    assert got == {ended: "dismissed data_error", ongoing: "escalated high"}


def test_a_correction_needs_a_note_a_decision_and_a_legal_target(project: Path) -> None:
    ongoing, _ = ids(project)
    with pytest.raises(WorkbenchError, match="no decision to correct"):
        operations.correct(project, ongoing, status="acknowledged", note="x")
    operations.decide(project, [ongoing], status="acknowledged", actor="amina")
    with pytest.raises(WorkbenchError, match="why the decision was wrong"):
        operations.correct(project, ongoing, status="new", note=" ")
    with pytest.raises(WorkbenchError, match="cannot|can set"):
        operations.correct(project, ongoing, status="withdrawn", note="x")
    with pytest.raises(WorkbenchError, match="verifying records"):
        operations.correct(project, ongoing, status="verified", note="x")
    assert "withdrawn" not in correction_targets("new") and correction_targets("withdrawn") == ()
    alerts, _ = agenda(project)
    assert alerts.loc[alerts["id"] == ongoing, "status"].iloc[0] == "acknowledged"


def test_cli_meeting_since_meeting_and_correct(run_cli, project: Path) -> None:
    ongoing, _ = ids(project)
    code, out, err = run_cli("meeting", "--project", project, "--format", "json")
    assert code == 0, err
    assert json.loads(out)[0]["marker"] is None and json.loads(out)[0]["new"] >= 1
    code, out, err = run_cli("meeting", "--project", project, "--now", "--actor", "amina", "--format", "json")
    assert code == 0, err
    assert "meeting marker set" in out
    code, out, err = run_cli("alert", str(ongoing), "--project", project, "--set", "acknowledged")
    assert code == 0, err
    code, out, err = run_cli("alerts", "--project", project, "--since-meeting", "--format", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert [(r["id"], r["why"]) for r in rows] == [(ongoing, "changed")]
    code, out, err = run_cli("alert", str(ongoing), "--project", project, "--correct", "new", "--note", "too fast")
    assert code == 0, err
    assert "acknowledged corrected to new" in out
    code, out, err = run_cli("alert", str(ongoing), "--project", project, "--correct", "new")
    assert code == 2 or code == 1
    assert err.startswith("error:") and "Traceback" not in err
    code, _, err = run_cli("meeting", "--project", project, "--set", "not a date")
    assert code in (1, 2) and err.startswith("error:")


def _severity_rises(path: Path) -> int:
    """A project whose second run extends Kibali's episode and raises its severity (medium -> high);
    the meeting marker is set between the two runs. Returns the alert's id."""
    base = with_step(noise_series(48, 1), 42, 5.0)
    write_series(path, {("Kibali", "trust"): base[:44]})
    run_models(path)
    operations.set_meeting(path, dt.datetime.now(dt.timezone.utc).isoformat(), actor="amina")
    grown = base.copy()
    grown[44:] += 12.0
    write_series(path, {("Kibali", "trust"): grown}, file_name="more.csv")
    run_models(path)
    alerts, _ = agenda(path)
    [alert_id] = alerts["id"].tolist()
    return int(alert_id)


def test_a_run_records_a_severity_rise_as_data_and_the_agenda_reads_it(tmp_path: Path) -> None:
    path = tmp_path / "rise.wbproj"
    alert_id = _severity_rises(path)
    with open_project(path, readonly=True) as p:
        events = history_frame(p.conn, parsed=True)
        since = marker_time(read_marker(p))
    last = events[events["kind"] == "run"].iloc[-1]
    assert last["details"] == {"episode": "extended", "last_period_from": "2023-08-01",
                               "last_period_to": "2023-12-01", "severity_from": "medium", "severity_to": "high"}
    _, items = agenda(path)
    assert why_of(items, alert_id) == "escalated, changed"  # after the marker: more severe, episode went on
    # The details decide, not the words: the same event with its note reworded (a later version,
    # a translation) still escalates; a fall in severity does not.
    reworded = events.assign(note=["re-run" if k == "run" else n for k, n in zip(events["kind"], events["note"])])
    assert agenda_reasons(read_alerts_of(path), reworded, since).tolist() == ["escalated, changed"]
    fell = reworded.copy()
    fell["details"] = [{**d, "severity_from": "high", "severity_to": "low"} if d.get("severity_to") else d
                       for d in fell["details"]]
    assert agenda_reasons(read_alerts_of(path), fell, since).tolist() == ["changed"]


def test_an_older_project_s_run_note_still_says_the_severity_rose(tmp_path: Path) -> None:
    """Run events written before runs recorded details: the agenda reads their note."""
    path = tmp_path / "old.wbproj"
    alert_id = _severity_rises(path)
    with open_project(path, readonly=True) as p:
        old = history_frame(p.conn)  # details as the stored JSON text
        since = marker_time(read_marker(p))
    old["details"] = ["{}" if k == "run" else d for k, d in zip(old["kind"], old["details"])]  # as an old run wrote
    assert "severity medium → high" in old["note"].iloc[-1]
    alerts = read_alerts_of(path)
    assert agenda_reasons(alerts, old, since).tolist() == ["escalated, changed"]
    lowered = old.assign(note=old["note"].str.replace("medium → high", "high → low", regex=False))
    assert agenda_reasons(alerts, lowered, since).tolist() == ["changed"]
    assert int(alerts["id"].iloc[0]) == alert_id


def read_alerts_of(path: Path):
    with open_project(path, readonly=True) as p:
        return read_alerts(p.conn)


def test_rising_risk_now_leaves_out_old_episodes(project: Path) -> None:
    from alerts.views import region_risk_recent

    alerts, _ = agenda(project)
    every = region_risk_recent(alerts, "1900-01-01")
    recent = region_risk_recent(alerts, "2023-01-01")  # Kibali's step is in 2023-05, Arua's ended in 2021
    names = dict(zip(alerts["region_id"], alerts["region"]))
    assert {names[r] for r in every} == {"Kibali", "Arua"}
    assert {names[r] for r in recent} == {"Kibali"}
    operations.decide(project, [ids(project)[0]], status="dismissed", reason="false_alarm", actor="amina")
    alerts, _ = agenda(project)
    assert region_risk_recent(alerts, "2023-01-01") == {}  # a dismissal says it was nothing


def test_a_correction_travels_with_a_merge(project: Path, template: Path, tmp_path: Path) -> None:
    """Another office merges the copy that holds the decision and its correction: both events
    arrive, and the replay there ends in the corrected state too."""
    from alerts.merge import merge_projects

    other = tmp_path / "other.wbproj"
    other.write_bytes(template.read_bytes())
    ongoing, _ = ids(project)
    operations.decide(project, [ongoing], status="acknowledged", actor="amina")
    operations.decide(project, [ongoing], status="verified", actor="amina", **VERIFY)
    operations.correct(project, ongoing, status="acknowledged", note="too early", actor="omar")
    merge_projects(other, project)
    with open_project(other, readonly=True) as p:
        row = p.conn.execute("SELECT status, likelihood FROM alert WHERE id = ?", (ongoing,)).fetchone()
        events = history_frame(p.conn, alert_id=ongoing, parsed=True)
    assert tuple(row) == ("acknowledged", None)
    assert events["details"].iloc[-1].get("correction") is True
    assert list(events["to_status"].dropna())[-3:] == ["acknowledged", "verified", "acknowledged"]


@pytest.mark.parametrize("details, note, expected", [
    ({"correction": True, "corrects": "a" * 32}, "wrong district", None),
    ({"correction": True}, "wrong district", "does not name the decision"),
    ({"correction": True, "corrects": "a" * 32}, None, "without a note"),
    ({}, "no correction flag", "cannot go from verified to acknowledged"),
])
def test_a_merged_copy_s_correction_is_checked_like_the_lifecycle_checks_it(details, note, expected) -> None:
    from alerts.merge_check import event_problem

    now = dt.datetime.now(dt.timezone.utc)
    event = {"event_uid": "b" * 32, "alert_id": 3, "at": now.isoformat(timespec="microseconds"), "actor": "omar",
             "kind": "transition", "from_status": "verified", "to_status": "acknowledged", "note": note,
             "origin": "c" * 32, "details": json.dumps(details), "run_id": None}
    why = event_problem(event, {}, now=now, created=None)
    assert (why is None) if expected is None else (expected in why)


def test_a_meeting_date_in_the_future_is_refused_and_changes_nothing(run_cli, project: Path) -> None:
    code, out, err = run_cli("meeting", "--project", project, "--set", "2099-01-01")
    assert code == 2, (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and "future" in lines[0]
    with open_project(project, readonly=True) as p:
        assert read_marker(p) is None
    tomorrow = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1)).date().isoformat()
    with pytest.raises(WorkbenchError, match="future"):
        operations.set_meeting(project, tomorrow)
    today = dt.datetime.now(dt.timezone.utc).date().isoformat()
    operations.set_meeting(project, today, actor="amina")  # today's date is the meeting of today: fine
    with open_project(project, readonly=True) as p:
        assert read_marker(p).day == today


def _agenda_ids_of_brief(path: Path) -> set[int]:
    from alerts.brief_data import collect_brief

    return set(collect_brief(path).agenda["id"].astype(int))


def test_a_second_brief_of_the_same_meeting_has_the_same_agenda(project: Path) -> None:
    """A bilingual office writes two briefs for one meeting: the second must not be empty."""
    ongoing, _ = ids(project)
    first = _agenda_ids_of_brief(project)
    assert ongoing in first
    operations.brief_written(project, dt.datetime.now(dt.timezone.utc).isoformat())
    with open_project(project, readonly=True) as p:
        marker = read_marker(p)
    assert marker.source == "brief" and marker.since is not None
    _, inbox = agenda(project)
    assert inbox.empty  # the inbox starts from the meeting: nothing moved since
    assert _agenda_ids_of_brief(project) == first  # ... but a further brief covers the same meeting
    operations.brief_written(project, dt.datetime.now(dt.timezone.utc).isoformat())
    assert _agenda_ids_of_brief(project) == first  # a third one too (the marker keeps its start)
    # Once something is recorded after the brief, the next brief is of the next meeting.
    operations.decide(project, [ongoing], status="acknowledged", actor="amina")
    assert _agenda_ids_of_brief(project) == {ongoing}


def test_cli_report_moves_the_marker_unless_keep_marker(run_cli, project: Path, tmp_path: Path) -> None:
    code, out, err = run_cli("report", "--project", project, "--out", tmp_path / "fr.xlsx", "--language", "fr",
                             "--keep-marker")
    assert code == 0, err
    assert "left as it was (--keep-marker)" in out
    with open_project(project, readonly=True) as p:
        assert read_marker(p) is None
    code, out, err = run_cli("report", "--project", project, "--out", tmp_path / "ar.xlsx", "--language", "ar")
    assert code == 0, err
    assert "meeting marker set" in out
    with open_project(project, readonly=True) as p:
        assert read_marker(p).source == "brief"


def test_a_correction_reads_as_a_correction_in_the_history_table_and_the_brief(run_cli, project: Path,
                                                                                tmp_path: Path) -> None:
    import openpyxl

    ongoing, _ = ids(project)
    operations.decide(project, [ongoing], status="acknowledged", actor="amina")
    operations.correct(project, ongoing, status="new", note="acknowledged by mistake", actor="amina")
    code, out, err = run_cli("history", "--project", project, "--alert", str(ongoing), "--format", "table")
    assert code == 0, err
    rows = [line.split() for line in out.splitlines()]
    mistaken = [r for r in rows if "mistake" in " ".join(r)]
    assert len(mistaken) == 1 and "correction" in mistaken[0] and "transition" not in mistaken[0]
    assert any("transition" in r and "acknowledged" in r for r in rows)  # the decision it corrects stays
    code, out, err = run_cli("history", "--project", project, "--alert", str(ongoing), "--format", "json")
    event = [e for e in json.loads(out) if e["note"] == "acknowledged by mistake"][0]
    assert event["kind"] == "transition" and json.loads(event["details"])["correction"] is True  # the data as stored
    code, out, err = run_cli("report", "--project", project, "--out", tmp_path / "b.xlsx", "--keep-marker")
    assert code == 0, err
    wb = openpyxl.load_workbook(tmp_path / "b.xlsx", read_only=True)
    for sheet in ("Alert history", "Meeting"):
        cells = [[c for c in row] for row in wb[sheet].iter_rows(values_only=True)]
        hit = [r for r in cells if "acknowledged by mistake" in r]
        assert len(hit) == 1 and "correction" in hit[0], (sheet, hit)
    wb.close()
