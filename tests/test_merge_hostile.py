"""Merge validates before it applies: doctored copies are quarantined, never merged.

Every column of the other copy's alerts and events is given each hostile value of
``merge_hostile.HOSTILE_VALUES`` (huge numbers, NaN, 1970 and 9999, unparseable times,
blobs, empty and huge text, escapes, ``system``); after each merge every alert of the
project must still list, show its history, take a note and a transition, and the project
must hold no event that breaks the rules the workbench writes by.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest
from merge_hostile import (
    ALERT_COLUMNS, EVENT_COLUMNS, HOSTILE_VALUES, build_offices, doctor, every_alert_is_writable, forge_event,
)

from alerts.merge import merge_projects
from alerts.merge_check import parse_time
from workbench.store import open_project



@pytest.fixture(scope="module")
def offices(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return build_offices(tmp_path_factory.mktemp("offices"))


@pytest.fixture
def copies(offices: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "a.wbproj", tmp_path / "b.wbproj"
    shutil.copyfile(offices[0], a)
    shutil.copyfile(offices[1], b)
    return a, b


def events(path: Path) -> list[tuple]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT event_uid, alert_id, at, actor, kind, run_id, from_status, to_status, note "
                            "FROM alert_event ORDER BY id").fetchall()
    finally:
        conn.close()


def project_rules_hold(path: Path) -> list[str]:
    """What no merge may leave behind, whatever the other copy held."""
    problems = []
    now = dt.datetime.now(dt.timezone.utc)
    for uid, _alert_id, at, actor, kind, run_id, frm, _to, _note in events(path):
        t = parse_time(at)
        if t is None or t > now + dt.timedelta(days=1) or t.year < 2000:
            problems.append(f"event {uid}: time {at!r}")
        if (actor == "system") != (kind == "run") or (kind == "run" and run_id is None and frm is None):
            problems.append(f"event {uid}: actor {actor!r} kind {kind!r} run {run_id!r}")
        if not isinstance(actor, str) or not actor or "\x1b" in actor:
            problems.append(f"event {uid}: actor {actor!r}"[:80])
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        empty = conn.execute("SELECT id FROM alert WHERE id NOT IN (SELECT alert_id FROM alert_event)").fetchall()
        problems += [f"alert {r[0]} has no history" for r in empty]
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            problems.append("integrity_check fails")
    finally:
        conn.close()
    return problems


COLUMNS = [("alert", c) for c in ALERT_COLUMNS] + [("alert_event", c) for c in EVENT_COLUMNS]
#: Values per column in CI; the rotation gives each value to several columns. All of them in
#: every column: ``benchmarks/fault_suite.py --only merge``.
PER_COLUMN = 4


@pytest.mark.parametrize("n", range(len(COLUMNS)), ids=[f"{t}.{c}" for t, c in COLUMNS])
def test_every_hostile_value_in_every_column_is_quarantined_or_harmless(
        offices: tuple[Path, Path], tmp_path: Path, n: int) -> None:
    table, column = COLUMNS[n]
    failures = []
    picked = [(n * PER_COLUMN + k) % len(HOSTILE_VALUES) for k in range(PER_COLUMN)]
    for i, value in [(i, HOSTILE_VALUES[i]) for i in picked]:
        a, b = tmp_path / f"a{i}.wbproj", tmp_path / f"b{i}.wbproj"
        shutil.copyfile(offices[0], a)
        shutil.copyfile(offices[1], b)
        if not doctor(b, table, column, value):
            continue  # SQLite itself refuses the value (NOT NULL, UNIQUE): nothing to merge
        try:
            merge_projects(a, b)
        except Exception as err:  # noqa: BLE001
            from workbench.errors import WorkbenchError

            if not isinstance(err, WorkbenchError):
                failures.append(f"{value!r:.40}: merge raised {type(err).__name__}: {err}"[:200])
                continue
        problems = every_alert_is_writable(a) + project_rules_hold(a)
        failures += [f"{value!r:.40}: {p}" for p in problems]
        a.unlink()
        b.unlink()
    assert not failures, "\n".join(failures)


def test_forged_system_events_are_quarantined(copies: tuple[Path, Path]) -> None:
    a, b = copies
    with open_project(b, readonly=True) as p:
        finished = p.conn.execute("SELECT finished_at FROM run WHERE id = 1").fetchone()[0]
    later = (parse_time(finished) + dt.timedelta(minutes=10)).isoformat(timespec="microseconds")
    forged = [
        forge_event(b, actor="system", kind="run", from_status="verified", to_status="withdrawn"),  # no run
        forge_event(b, actor="system", kind="note", note="system says hi"),  # system as a person
        forge_event(b, actor="mallory", kind="run", run_id=1, note="a person posing as a run"),
        forge_event(b, actor="system", kind="run", run_id=1, from_status="verified", to_status="withdrawn",
                    at=later),  # a real run, but minutes after it finished
    ]
    r = merge_projects(a, b)
    held = {e[0] for e in events(a)}
    assert not held & set(forged)
    assert {q.uid for q in r.quarantined} >= set(forged)
    assert r.events_added == 4  # office B's real work still arrives


@pytest.mark.parametrize("at", ["1970-01-01T00:00:00.000000+00:00", "9999-12-31T23:59:59.999999+00:00",
                                "2024-13-45T99:00:00.000000+00:00", "not a time", "2024-01-01 00:00:00",
                                "2024-01-01T00:00:00.000000"])
def test_event_times_must_be_real_past_and_within_the_alert_life(copies: tuple[Path, Path], at: str) -> None:
    a, b = copies
    uid = forge_event(b, at=at)
    r = merge_projects(a, b)
    assert uid in {q.uid for q in r.quarantined}
    assert uid not in {e[0] for e in events(a)}


def test_an_event_before_its_alert_was_created_is_quarantined(copies: tuple[Path, Path]) -> None:
    a, b = copies
    with open_project(b, readonly=True) as p:
        created = p.conn.execute("SELECT min(at) FROM alert_event WHERE alert_id = 1").fetchone()[0]
    earlier = (parse_time(created) - dt.timedelta(minutes=5)).isoformat(timespec="microseconds")
    uid = forge_event(b, at=earlier, kind="transition", from_status="new", to_status="acknowledged",
                      actor="mallory")
    r = merge_projects(a, b)
    assert any(q.uid == uid and "before its alert was created" in q.reason for q in r.quarantined)


@pytest.mark.parametrize(("frm", "to", "details"), [
    ("new", "closed", "{}"),  # skips verification
    ("acknowledged", "verified", "{}"),  # a verification without its risk assessment
    ("new", "dismissed", "{}"),  # a dismissal without a reason
    ("new", "withdrawn", "{}"),  # only a run withdraws
    ("closed", "new", "{}"),  # reopening in place
    (None, "escalated", "{}"),  # a person creating an alert
])
def test_illegal_transitions_are_quarantined(copies: tuple[Path, Path], frm, to, details) -> None:
    a, b = copies
    uid = forge_event(b, kind="transition", from_status=frm, to_status=to, details=details, actor="mallory")
    r = merge_projects(a, b)
    assert uid in {q.uid for q in r.quarantined}


def test_an_alert_without_history_is_quarantined(copies: tuple[Path, Path]) -> None:
    """An "escalated" alert with no events used to be copied as escalated."""
    a, b = copies
    conn = sqlite3.connect(b, isolation_level=None)
    try:
        conn.execute("INSERT INTO alert(uid, rule, region, indicator, grp, kind, freq, method, first_period,"
                     " last_period, peak_period, severity, score, status, explanation, details)"
                     " SELECT 'f0f0f0', rule, region, indicator, grp, kind, freq, method, first_period, last_period,"
                     " peak_period, 'high', 9.9, 'escalated', 'forged', '{}' FROM alert WHERE id = 1")
    finally:
        conn.close()
    r = merge_projects(a, b)
    assert any(q.uid == "f0f0f0" and q.what == "alert" for q in r.quarantined)
    with open_project(a, readonly=True) as p:
        assert p.conn.execute("SELECT count(*) FROM alert WHERE uid = 'f0f0f0'").fetchone()[0] == 0


def test_a_shared_event_with_rewritten_contents_is_quarantined(copies: tuple[Path, Path]) -> None:
    """The other copy edits an event both copies hold (the opening of alert 1): reported, not merged."""
    a, b = copies
    assert doctor(b, "alert_event", "note", "rewritten by mallory", row="first")
    before = events(a)
    r = merge_projects(a, b)
    assert any("same uid and other contents" in q.reason for q in r.quarantined)
    assert events(a)[: len(before)] == before  # nothing already here changed


def test_cli_reports_quarantine_in_one_error_line_and_merges_the_rest(copies: tuple[Path, Path], run_cli) -> None:
    a, b = copies
    forge_event(b, at="9999-12-31T23:59:59.999999+00:00")
    code, out, err = run_cli("merge", b, "--project", a)
    assert code == 1 and err.count("\n") == 1 and err.startswith("error: 1 alert(s) or event(s) of")
    assert "merged" in out and "4 new event(s)" in out and "in the future" in out
    assert "Traceback" not in out + err
