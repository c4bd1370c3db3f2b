"""The user's writes on alerts, once: each is one function used by the CLI and the desktop.

Each opens the project (a file or a team server), works out who is acting
(:func:`workbench.store.access.event_actor`: on a server the login, always), asks the server's
role model early (:func:`workbench.store.access.require_role`), makes its change in one
transaction (``project.transact``: a collision with another analyst on a server is retried)
and returns what changed (:class:`workbench.changes.OpChanges`), so the command line prints
its receipt and the desktop refreshes only the alerts. The rules of the lifecycle itself are
:mod:`alerts.lifecycle`'s.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from alerts import lifecycle
from alerts.engine import run_models
from alerts.merge import merge_projects
from workbench.changes import OpChanges
from workbench.errors import WorkbenchError
from workbench.progress import CancelToken, ProgressCallback, no_progress
from workbench.store.access import event_actor, require_role
from workbench.store.session import opened
from workbench.vocabulary import CORRECTION_ROLE, REOPEN, STATUSES, status_role

Location = str | Path


def decide(
    project: Location | Any,
    alert_ids: list[int],
    *,
    status: str | None = None,
    note: str | None = None,
    snooze_until: str | None = None,
    reason: str | None = None,
    likelihood: int | None = None,
    consequence: int | None = None,
    outcome: str | None = None,
    actor: str | None = None,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
) -> OpChanges:
    """A decision on one or more alerts, all or nothing: a transition (``status``, with its
    reason or risk assessment, and ``note`` recorded with it), or a note alone; then a snooze.

    Every alert of a situation at once is one transaction: either every one moves or none.
    ``actor``: the name to record in a project file (``None``: the user's own, see
    :func:`workbench.store.access.default_actor`); on a server only the login may be named.
    ``project``: a file path or server URL, or a project already open (the desktop's
    :class:`workbench.store.session.ProjectHandle`), which is left open.
    """
    if not alert_ids:
        raise WorkbenchError("no alert to act on")
    if not status and not note and not snooze_until:
        raise WorkbenchError("nothing to do: give --set STATUS, --note TEXT or --snooze-until PERIOD")
    if not status and (reason or likelihood or consequence or outcome):
        raise WorkbenchError("--reason, --likelihood, --consequence and --outcome go with --set")
    if note is not None and not note.strip():
        note = None if status else note  # an empty note with a decision is no note; alone it is refused below

    with opened(project) as p:
        who = event_actor(p, actor)
        if status and status.strip().casefold() in (*STATUSES, REOPEN):
            require_role(p, status_role(status), f"moving an alert to {status.strip()}")
        if snooze_until:
            require_role(p, "coordinator", "snoozing an alert")

        def work(conn: Any) -> tuple[list[str], set[int]]:
            done: list[str] = []
            touched = set(alert_ids)
            for alert_id in alert_ids:
                if status:
                    ch = lifecycle.set_status(conn, alert_id, status, actor=who, note=note, reason=reason,
                                              likelihood=likelihood, consequence=consequence, outcome=outcome)
                    if ch.new_alert_id is not None:
                        touched.add(ch.new_alert_id)
                        done.append(f"alert {ch.alert_id} ({ch.from_status}) reopened as alert {ch.new_alert_id} (new)")
                    else:
                        done.append(f"alert {ch.alert_id}: {ch.from_status} → {ch.to_status}")
                elif note is not None:
                    lifecycle.add_note(conn, alert_id, note, actor=who)
                    done.append(f"alert {alert_id}: note added")
                if snooze_until:
                    period = lifecycle.snooze(conn, alert_id, snooze_until, actor=who)
                    done.append(f"alert {alert_id}: snoozed until {period[:7]}")
            return done, touched

        messages, touched = p.transact(work)
    progress(1.0, "saved")
    return OpChanges(alerts=frozenset(touched), messages=tuple(messages))


def correct(
    project: Location | Any,
    alert_id: int,
    *,
    status: str,
    note: str | None,
    reason: str | None = None,
    likelihood: int | None = None,
    consequence: int | None = None,
    outcome: str | None = None,
    actor: str | None = None,
) -> OpChanges:
    """Correct the latest decision on one alert (:func:`alerts.lifecycle.correct`): the history
    keeps the wrong decision and this correction; the alert's state is the corrected one."""
    with opened(project) as p:
        who = event_actor(p, actor)
        require_role(p, CORRECTION_ROLE, "correcting a decision")

        def work(conn: Any) -> str:
            ch = lifecycle.correct(conn, alert_id, status, actor=who, note=note, reason=reason,
                                   likelihood=likelihood, consequence=consequence, outcome=outcome)
            return f"alert {ch.alert_id}: {ch.from_status} corrected to {ch.to_status}"

        line = p.transact(work)
    return OpChanges(alerts=frozenset({alert_id}), messages=(line,))


#: The team-server role that may move the meeting marker: the coordinator, who runs the weekly
#: meeting. The marker is a project setting (meta); the server lets a coordinator write that one
#: key and no other (workbench.store.pg_guards.META_GUARD).
MARKER_ROLE = "coordinator"


def brief_written(project: Location, at: str) -> str:
    """After a brief is written: it records the meeting, so the marker moves to ``at`` (a
    convenience: on a team server a login that may not move it leaves it, and says so)."""
    from workbench.store.access import may

    try:
        with opened(project) as p:
            if not may(p, MARKER_ROLE):
                return f"the meeting marker was left as it was (moving it needs the {MARKER_ROLE} role)"
            from alerts.history import history_frame
            from alerts.meeting import agenda_start, read_marker

            # Where this brief's agenda started: a further brief of the same meeting starts there too.
            since = agenda_start(read_marker(p), history_frame(p.conn))
            return set_meeting(p, at, source="brief", since=since).messages[0]
    except WorkbenchError as err:  # a pooled store, a read-only medium: the brief stands, the marker stays
        return f"the meeting marker was left as it was ({err})"


def set_meeting(project: Location | Any, at: str, *, source: str = "set", actor: str | None = None,
                since: str | None = None) -> OpChanges:
    """Set the team's meeting marker (:func:`alerts.meeting.write_marker`), shared through the
    project. A date a person sets must not be in the future (:func:`alerts.meeting.refuse_future`)."""
    from alerts.meeting import refuse_future, write_marker

    with opened(project) as p:
        who = event_actor(p, actor)
        # On a team server a coordinator may write this one project setting (the meta guard).
        require_role(p, MARKER_ROLE, "setting the meeting date")
        if source == "set":
            refuse_future(at)
        marker = write_marker(p, at, source=source, actor=who, since=since)
    return OpChanges(all_alerts=True, messages=(f"meeting marker set to {marker.at[:16].replace('T', ' ')} UTC",))


def run(
    project: Location,
    *,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
    evaluator: Callable[..., Any] | None = None,
) -> OpChanges:
    """Run every model and rule (:func:`alerts.engine.run_models`); alerts are created,
    extended and withdrawn wholesale, the data are untouched."""
    s = run_models(project, progress=progress, cancel=cancel, evaluator=evaluator)
    line = (f"run {s.run_id}: {s.series} series, {s.rules} rules, {s.episodes} episodes; "
            f"{s.created} new alerts, {s.updated} updated ({s.extended} extended), {s.withdrawn} withdrawn, "
            f"{s.unchanged} unchanged ({s.seconds:.2f} s)")
    return OpChanges(alerts=frozenset(int(i) for i in s.changed_alerts), all_alerts=True, rules=True,
                     messages=(line,))


def merge_copy(project: Location, other: Location) -> OpChanges:
    """Bring another office's copy's alert history in (:func:`alerts.merge.merge_projects`)."""
    r = merge_projects(project, other)
    line = (f"merged {other}: {r.events_added} new event(s), {r.alerts_added} new alert(s), "
            f"{r.alerts_changed} alert(s) changed status; {r.events_known} event(s) were already here")
    return OpChanges(all_alerts=True, messages=(line,))


__all__ = ["MARKER_ROLE", "brief_written", "correct", "decide", "merge_copy", "run", "set_meeting"]
