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
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from alerts.history import refresh_alert_state
from alerts.situations import assign_situations
from workbench.errors import ProjectError, UnusableInputError
from workbench.store import open_project
from workbench.store.access import require_role
from workbench.store.dialect import read_frame

_ALERT_COPY = ("uid", "rule", "region", "indicator", "grp", "kind", "freq", "method", "first_period",
               "last_period", "peak_period", "severity", "score", "status", "explanation", "snoozed_until",
               "likelihood", "consequence", "risk_level", "outcome", "dismiss_reason", "details")
_EVENT_COPY = ("event_uid", "at", "actor", "from_status", "to_status", "note", "kind", "origin", "details")


@dataclass(frozen=True)
class MergeResult:
    events_added: int
    events_known: int
    alerts_added: int
    alerts_changed: int


_KEY_COLS = ("rule", "region", "indicator", "grp", "kind", "first_period")


def _natural_key(rec: pd.Series, prev_local: object) -> tuple:
    """The same alert in two copies: same rule, series and first period, and the same predecessor
    *in this project* (its id here), because a predecessor each office created for itself has a
    different uid in each copy."""
    return (*(rec[c] for c in _KEY_COLS), prev_local)


def _local_keys(alerts: pd.DataFrame) -> dict[tuple, int]:
    keys = {}
    for _, rec in alerts.iterrows():
        prev = rec["previous_alert_id"]
        keys[_natural_key(rec, int(prev) if pd.notna(prev) else None)] = int(rec["id"])
    return keys


def _read(conn: sqlite3.Connection) -> tuple[pd.DataFrame, pd.DataFrame]:
    alerts = read_frame("SELECT * FROM alert ORDER BY id", conn)
    events = read_frame("SELECT * FROM alert_event ORDER BY id", conn)
    return alerts, events


def merge_projects(project_path: str | Path, other_path: str | Path) -> MergeResult:
    """Merge ``other_path``'s alerts and events into ``project_path`` in one transaction."""
    other_path = Path(other_path)
    if not other_path.exists():
        raise UnusableInputError(f"{other_path} does not exist")
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
        o_alerts, o_events = _read(other.conn)
        with project.transaction(backup=True) as conn:
            return _merge_into(conn, o_alerts, o_events)


def _merge_into(conn: sqlite3.Connection, o_alerts: pd.DataFrame, o_events: pd.DataFrame) -> MergeResult:
    l_alerts, _ = _read(conn)
    by_uid = dict(zip(l_alerts["uid"], l_alerts["id"]))
    by_key = _local_keys(l_alerts)
    mapping: dict[int, int] = {}
    late_links: list[tuple[int, int]] = []
    added = 0
    for _, rec in o_alerts.iterrows():  # few rows, in id order so predecessors are mapped first
        prev = rec["previous_alert_id"]
        prev_local = mapping.get(int(prev)) if pd.notna(prev) else None
        local = by_uid.get(rec["uid"])
        if local is None and (pd.isna(prev) or prev_local is not None):
            local = by_key.get(_natural_key(rec, prev_local))
        if local is None:
            values = [_py(rec[c]) for c in _ALERT_COPY]
            local = conn.execute(
                f"INSERT INTO alert({', '.join(_ALERT_COPY)}, previous_alert_id) "
                f"VALUES ({', '.join('?' * (len(_ALERT_COPY) + 1))})",
                (*values, prev_local),
            ).lastrowid
            by_uid[rec["uid"]] = local
            added += 1
            if prev_local is None and pd.notna(prev):
                late_links.append((int(local), int(prev)))
        mapping[int(rec["id"])] = int(local)
    for local, prev in late_links:  # a predecessor with a higher id in OTHER (merged from a third copy)
        if prev in mapping:
            conn.execute("UPDATE alert SET previous_alert_id = ? WHERE id = ?", (mapping[prev], local))
    known = {r[0] for r in conn.execute("SELECT event_uid FROM alert_event")}
    new_events = o_events[~o_events["event_uid"].isin(known)]
    rows = [
        (mapping[int(e["alert_id"])], *[_py(e[c]) for c in _EVENT_COPY])
        for e in new_events.to_dict("records")
    ]
    conn.executemany(
        f"INSERT INTO alert_event(alert_id, {', '.join(_EVENT_COPY)}) VALUES ({', '.join('?' * (len(_EVENT_COPY) + 1))})",
        rows,
    )
    touched = sorted({r[0] for r in rows})
    before = dict(conn.execute("SELECT id, status FROM alert").fetchall())
    changed = 0
    for alert_id in touched:
        state = refresh_alert_state(conn, alert_id)
        changed += before.get(alert_id) != state.status
    if added or rows:
        assign_situations(conn)
    return MergeResult(events_added=len(rows), events_known=len(o_events) - len(rows), alerts_added=added,
                       alerts_changed=changed)


def _py(v: object) -> object:
    """A pandas cell as a value sqlite3 accepts (NaN → NULL, numpy scalars → Python)."""
    if v is None or (isinstance(v, float) and v != v) or v is pd.NA:
        return None
    return v.item() if hasattr(v, "item") else v
