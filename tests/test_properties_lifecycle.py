"""Any sequence of transitions, notes, snoozes, reopenings and runs on changing data keeps
the alert lifecycle's invariants (hypothesis):

* the event log is append-only: every earlier event is still there, unchanged, in order;
* a person's transition follows the lifecycle, and its ``from`` is the status it left;
* every alert's stored state equals what replaying its event log gives;
* no two open alerts of one rule and series cover the same period;
* every note that was accepted is in the log exactly once.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from alerts.engine import run_models
from alerts.history import replay
from alerts.lifecycle import OPEN, REOPEN, TRANSITIONS, add_note, set_status, snooze
from alerts_factory import noise_series, with_step, write_series
from workbench.errors import WorkbenchError
from workbench.store import open_project

SERIES = [("Kibali", "incidents"), ("Nord", "incidents"), ("Nord", "trust")]
TARGETS = ("acknowledged", "verified", "escalated", "closed", "dismissed", REOPEN, "withdrawn", "new")


@pytest.fixture(scope="module")
def template() -> Path:
    """A project with a few episodes and a first run; each example works on a copy."""
    folder = Path(tempfile.mkdtemp(prefix="lifecycle-"))
    path = write_series(folder / "t.wbproj", {
        SERIES[0]: with_step(noise_series(48, 1), 30, 6.0, length=8),
        SERIES[1]: with_step(noise_series(48, 2), 36, 6.0),
        SERIES[2]: noise_series(48, 3),
    })
    run_models(path)
    yield path
    shutil.rmtree(folder, ignore_errors=True)


op = st.one_of(
    st.tuples(st.just("set"), st.integers(0, 50), st.sampled_from(TARGETS)),
    st.tuples(st.just("advance"), st.integers(0, 50), st.integers(0, 2)),
    st.tuples(st.just("advance"), st.integers(0, 50), st.integers(0, 2)),
    st.tuples(st.just("note"), st.integers(0, 50), st.text(min_size=0, max_size=12)),
    st.tuples(st.just("snooze"), st.integers(0, 50), st.sampled_from(["2024-06", "2030-01", "June"])),
    st.tuples(st.just("shift"), st.sampled_from(range(len(SERIES))), st.integers(0, 47),
              st.sampled_from([-6.0, -3.0, 3.0, 6.0, 12.0])),
    st.tuples(st.just("run")),
)


def _apply(path: Path, step: tuple, notes: list[str]) -> None:
    kind = step[0]
    if kind == "run":
        run_models(path)
        return
    with open_project(path) as project:
        ids = [r[0] for r in project.conn.execute("SELECT id FROM alert ORDER BY id")]
        if kind == "shift":
            _, series, start, delta = step
            region, indicator = SERIES[series]
            with project.transaction() as c:  # a data correction, as a re-import would make it
                c.execute(
                    "UPDATE observation SET value = value + ? WHERE period >= ? AND region_id ="
                    " (SELECT id FROM region WHERE key = ?) AND indicator_id = (SELECT id FROM indicator"
                    " WHERE key = ?)",
                    (delta, f"{2020 + start // 12}-{start % 12 + 1:02d}-01", region.casefold(), indicator),
                )
            return
        if not ids:
            return
        alert_id = ids[step[1] % len(ids)]
        if kind == "advance":  # a legal next step, so that deep states are reached too
            status = project.conn.execute("SELECT status FROM alert WHERE id = ?", (alert_id,)).fetchone()[0]
            legal = TRANSITIONS[status]
            if not legal:
                return
            kind, step = "set", ("set", step[1], legal[step[2] % len(legal)])
        try:
            with project.transaction() as c:
                if kind == "set":
                    extra = {}
                    if step[2] == "dismissed":
                        extra = {"reason": "known_cause"}
                    elif step[2] == "verified":
                        extra = {"likelihood": 3, "consequence": 4, "outcome": "monitor"}
                    set_status(c, alert_id, step[2], actor="tester", note="by hypothesis", **extra)
                    event(f"transition to {step[2]} accepted")
                elif kind == "note":
                    add_note(c, alert_id, step[2], actor="tester")
                    notes.append(step[2])
                elif kind == "snooze":
                    snooze(c, alert_id, step[2], actor="tester")
        except WorkbenchError:
            pass  # refused: a wrong transition, an empty note, a closed alert; must change nothing


def _check(path: Path, before: list[tuple], notes: list[str]) -> list[tuple]:
    with open_project(path, readonly=True) as project:
        c = project.conn
        events = c.execute("SELECT * FROM alert_event ORDER BY id").fetchall()
        alerts = c.execute(
            "SELECT id, status, snoozed_until, likelihood, consequence, risk_level, outcome, dismiss_reason,"
            " rule, region, indicator, grp, kind, first_period, last_period FROM alert ORDER BY id"
        ).fetchall()
        assert events[: len(before)] == before, "an earlier event changed or vanished"
        for a in alerts:
            log = [e for e in events if e[2] == a[0]]
            state = replay([(e[3], e[1], e[6], e[10]) for e in log])
            assert (state.status, state.snoozed_until, state.likelihood, state.consequence, state.risk_level,
                    state.outcome, state.dismiss_reason) == a[1:8], f"alert {a[0]} differs from its log"
            status = None
            for e in sorted(log, key=lambda e: (e[3], e[1])):
                if e[6] is None:
                    continue
                if e[8] == "transition" and status is not None:
                    assert e[5] == status and e[6] in TRANSITIONS[status], f"illegal {status} -> {e[6]}"
                status = e[6]
        open_alerts = [a for a in alerts if a[1] in OPEN]
        for i, a in enumerate(open_alerts):
            for b in open_alerts[i + 1:]:
                if a[8:13] == b[8:13]:
                    assert a[14] < b[13] or b[14] < a[13], f"open alerts {a[0]} and {b[0]} overlap"
        stored_notes = [e[7] for e in events if e[8] == "note" and e[4] == "tester" and e[7] is not None
                        and not e[7].startswith(("snoozed until", "reopened as"))]
        assert sorted(stored_notes) == sorted(n for n in notes if n.strip())
    return events


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(op, min_size=1, max_size=12))
def test_any_sequence_keeps_the_invariants(template: Path, steps: list[tuple]) -> None:
    folder = Path(tempfile.mkdtemp(prefix="lifecycle-case-"))
    try:
        path = folder / "p.wbproj"
        shutil.copyfile(template, path)
        notes: list[str] = []
        events = _check(path, [], notes)
        for step in steps:
            _apply(path, step, notes)
            events = _check(path, events, notes)
        run_models(path)  # and a final run on whatever the data became
        events = _check(path, events, notes)
        before = events
        run_models(path)  # re-running on the same data adds no events
        assert _check(path, before, notes) == before
    finally:
        shutil.rmtree(folder, ignore_errors=True)
