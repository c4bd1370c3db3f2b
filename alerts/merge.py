"""Bring another office's alert history into this project without losing or doubling an event.

Two laptops carry copies of one project (same ``project_id``). Each event has a uuid
(``event_uid``), so the union of both logs is well defined: events this copy lacks are
appended, events it has are skipped, and merging twice changes nothing. An alert is the
same alert when it has the same ``uid`` (it existed before the copies parted) or, failing
that, the same rule, series, first period and predecessor (both offices ran the models on
the same data). Alerts found only in the other copy are copied. Each touched alert's status
is then recomputed from its merged log, in time order (ties broken by uid), a change counting
only from the state it was made in (see :func:`alerts.history.replay`), so both offices reach
the same answer whichever merges into which. Both offices' run events are kept, like every
event: the log stays the plain union of the copies.

The other copy is untrusted: it validates first and applies after. Every row is checked
(:mod:`alerts.merge_check`), then the log as a whole - an alert needs a history that begins
with its creation, no event may precede its alert's creation or the project, an event both
copies hold must be identical in both, and an alert with a known uid must be the same alert. What
fails is *quarantined*: reported (:attr:`MergeResult.quarantined`) and never written.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alerts import records
from alerts.history import refresh_alert_state
from alerts.merge_check import alert_problem, event_problem, parse_any_time, parse_time
from alerts.situations import assign_situations
from workbench.errors import ProjectError, UnusableInputError
from workbench.store import open_project
from workbench.store.access import require_role
from workbench.store.codes import region_names

_ALERT_COLS = ("id", "uid", "rule", "region", "indicator", "grp", "kind", "freq", "method", "first_period",
               "last_period", "peak_period", "severity", "score", "status", "explanation", "snoozed_until",
               "likelihood", "consequence", "risk_level", "outcome", "dismiss_reason", "details",
               "previous_alert_id")
_ALERT_COPY = ("uid", "rule", "region", "indicator", "grp", "kind", "freq", "method", "first_period",
               "last_period", "peak_period", "severity", "score", "explanation", "details")
_EVENT_COLS = ("id", "event_uid", "alert_id", "at", "actor", "from_status", "to_status", "note", "kind", "origin",
               "details", "run_id")
_EVENT_COPY = ("event_uid", "at", "actor", "from_status", "to_status", "note", "kind", "origin", "details")
#: What must be equal for an event both copies hold to be the same event.
_EVENT_SAME = ("at", "actor", "from_status", "to_status", "note", "kind", "origin", "details")
_KEY_COLS = ("rule", "region", "indicator", "grp", "kind", "first_period")


@dataclass(frozen=True)
class Quarantined:
    """A row of the other copy that was not merged, and why."""

    what: str  # "alert" or "event"
    uid: str
    reason: str


@dataclass(frozen=True)
class MergeResult:
    events_added: int
    events_known: int
    alerts_added: int
    alerts_changed: int
    quarantined: tuple[Quarantined, ...] = field(default=())


def _read_other(conn: sqlite3.Connection, name: str) -> tuple[list[dict], list[dict], dict, dt.datetime | None]:
    """The other copy's alerts, events, runs and creation time, as SQLite holds them (no
    conversion: a value of the wrong type must be seen as such)."""
    try:
        alerts = records.table_rows(conn, "alert", _ALERT_COLS)
        events = records.table_rows(conn, "alert_event", _EVENT_COLS)
        runs = {}
        for rid, started, finished in records.run_times(conn):
            start = parse_any_time(started)
            if isinstance(rid, int) and start is not None:
                runs[rid] = (start, parse_any_time(finished))
        created = records.meta_value(conn, "created_at")
    except sqlite3.Error as err:
        raise UnusableInputError(f"cannot merge {name}: its alert tables cannot be read ({err})") from None
    return alerts, events, runs, parse_any_time(created) if created is not None else None


def merge_projects(project_path: str | Path, other_path: str | Path) -> MergeResult:
    """Merge ``other_path``'s alerts and events into ``project_path`` in one transaction."""
    from workbench.inputs import check_input_file

    other_path = Path(other_path)
    if not other_path.exists():
        raise UnusableInputError(f"{other_path} does not exist")
    check_input_file(other_path, "copy to merge")  # a pipe or a device is refused, never opened
    try:
        other = open_project(other_path, readonly=True)
    except ProjectError as err:
        raise UnusableInputError(f"cannot merge {other_path.name}: {err}") from None
    with other, open_project(project_path) as project:
        require_role(project, "admin", "merging a copy back")
        if Path(project.path).resolve() == other_path.resolve():
            raise UnusableInputError("a project cannot be merged with itself")
        mine_id, their_id = project.meta("project_id"), other.meta("project_id")
        if mine_id != their_id:
            raise UnusableInputError(
                f"{other_path.name} is a different project (id {their_id}), not a copy of "
                f"{project.path.name} (id {mine_id}); only copies of one project can be merged"
            )
        o_alerts, o_events, o_runs, created = _read_other(other.conn, other_path.name)
        with project.transaction(backup=True) as conn:
            return _merge_into(conn, o_alerts, o_events, o_runs, created)


class _Quarantine:
    def __init__(self) -> None:
        self.items: list[Quarantined] = []

    def add(self, what: str, uid: Any, reason: str) -> None:
        shown = uid if isinstance(uid, str) and len(uid) <= 64 else repr(uid)[:40]
        self.items.append(Quarantined(what, shown, reason))


def _merge_into(conn: sqlite3.Connection, o_alerts: list[dict], o_events: list[dict],
                o_runs: dict, created: dt.datetime | None) -> MergeResult:
    q = _Quarantine()
    now = dt.datetime.now(dt.timezone.utc)
    local = records.table_rows(conn, "alert", ("id", "uid", "previous_alert_id", *_KEY_COLS))
    by_uid = {a["uid"]: a for a in local}
    by_key = {(*(a[c] for c in _KEY_COLS), a["previous_alert_id"]): a["id"] for a in local}
    regions = set(region_names(conn))

    # 1. Alerts, row by row, then their predecessors (which may be quarantined themselves).
    valid: dict[int, dict] = {}
    with_history = {e["alert_id"] for e in o_events}
    for a in o_alerts:
        why = alert_problem(a)
        if why is None and a["id"] not in with_history:
            why = "it has no history (every alert's events begin with its creation)"
        elif why is None and a["uid"] in by_uid:
            mine = by_uid[a["uid"]]
            if any(mine[c] != a[c] for c in _KEY_COLS):
                why = "it has the uid of a different alert in this project"
        elif why is None and a["region"] not in regions:
            why = f"its district {a['region'][:40]!r} is not in this project (merge copies no data)"
        if why:
            q.add("alert", a["uid"], why)
        else:
            valid[a["id"]] = a
    changed = True
    while changed:
        changed = False
        for oid, a in list(valid.items()):
            prev = a["previous_alert_id"]
            if prev is not None and prev not in valid:
                q.add("alert", a["uid"], "its predecessor alert was not merged")
                del valid[oid]
                changed = True

    # 2. Match the valid alerts to this project's (uid, else series and predecessor).
    mapping: dict[int, int | None] = {}
    for oid in sorted(valid):
        a = valid[oid]
        if a["uid"] in by_uid:
            mapping[oid] = by_uid[a["uid"]]["id"]
            continue
        prev = a["previous_alert_id"]
        prev_local = mapping.get(prev) if prev is not None else None
        if prev is None or prev_local is not None:
            mapping[oid] = by_key.get((*(a[c] for c in _KEY_COLS), prev_local))
        else:
            mapping[oid] = None  # its predecessor is merged later (a higher id, from a third copy)

    # 3. Events, row by row; events both copies hold must be identical.
    local_events = {e["event_uid"]: e for e in records.table_rows(conn, "alert_event", _EVENT_COLS)}
    fresh: list[dict] = []
    known = 0
    for e in o_events:
        held = local_events.get(e["event_uid"]) if isinstance(e["event_uid"], str) else None
        if held is not None:
            mapped = mapping.get(e["alert_id"], "not merged") if isinstance(e["alert_id"], int) else "not merged"
            if all(held[c] == e[c] for c in _EVENT_SAME) and mapped in ("not merged", held["alert_id"]):
                known += 1
            else:
                q.add("event", e["event_uid"], "this project holds an event with the same uid and other contents")
            continue
        why = event_problem(e, o_runs, now=now, created=created)
        if why is None and e["alert_id"] not in valid:
            why = "its alert was not merged"
        if why:
            q.add("event", e["event_uid"], why)
        else:
            fresh.append(e)

    # 4. Each alert's history must begin with its creation; nothing may precede it.
    creation: dict[int, str] = {}  # other alert id -> earliest creation time in the merged log
    for oid, lid in mapping.items():
        if lid is not None:
            made = records.creation_time(conn, lid)
            if made:
                creation[oid] = made
    for e in fresh:
        if e["from_status"] is None and e["to_status"] == "new":
            oid = e["alert_id"]
            creation[oid] = min(creation.get(oid, e["at"]), e["at"])
    kept: list[dict] = []
    for e in fresh:
        start = creation.get(e["alert_id"])
        if start is None:
            continue  # the alert is quarantined below, and with it this event
        began = parse_time(start)  # None only for a local creation time in an older format
        at = parse_time(e["at"])  # checked by event_problem: never None here
        if began is not None and at is not None and at < began:
            q.add("event", e["event_uid"], "its time is before its alert was created")
            continue
        kept.append(e)
    for oid in [o for o in valid if o not in creation]:
        a = valid.pop(oid)
        q.add("alert", a["uid"], "it has no history that begins with its creation")
        for e in fresh:
            if e["alert_id"] == oid:
                q.add("event", e["event_uid"], "its alert was not merged")
    kept = [e for e in kept if e["alert_id"] in valid]

    # 5. Apply: new alerts (status from their log), then the events, then the states.
    added = 0
    late_links: list[tuple[int, int]] = []
    for oid in sorted(valid):
        if mapping.get(oid) is not None:
            continue
        a = valid[oid]
        prev = a["previous_alert_id"]
        prev_local = mapping.get(prev) if prev is not None else None
        local_id = records.insert_alert(conn, {**{c: a[c] for c in _ALERT_COPY}, "status": "new",
                                               "previous_alert_id": prev_local})
        mapping[oid] = int(local_id)
        added += 1
        if prev is not None and prev_local is None:
            late_links.append((int(local_id), prev))
    for local_id, prev in late_links:  # a predecessor with a higher id in OTHER (merged from a third copy)
        target = mapping.get(prev)
        if target is not None:
            records.set_previous(conn, local_id, target)
    rows = [(mapping[e["alert_id"]], *[e[c] for c in _EVENT_COPY]) for e in kept]
    records.insert_events(conn, _EVENT_COPY, rows)
    touched = sorted({r[0] for r in rows})
    before = records.statuses(conn)
    changed_count = 0
    for alert_id in touched:
        state = refresh_alert_state(conn, alert_id)
        changed_count += before.get(alert_id) != state.status
    if added or rows:
        assign_situations(conn)
    return MergeResult(events_added=len(rows), events_known=known, alerts_added=added,
                       alerts_changed=changed_count, quarantined=tuple(q.items))


__all__ = ["MergeResult", "Quarantined", "merge_projects"]
