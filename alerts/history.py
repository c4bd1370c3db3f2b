"""The append-only event log of every alert, and the alert state it implies.

Every transition, note and change made by a model run is one ``alert_event`` row; SQLite
triggers refuse to update or delete them. An alert's status, snooze and verification are
always what its event log says (:func:`replay`), so two offices' logs merged together give
one answer.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import uuid
from dataclasses import dataclass
from typing import Any, Iterable

import numpy as np
import pandas as pd

from alerts import records
from alerts.records import office_origin
from workbench.vocabulary import ASSESSMENT, CLOSED, NEW, REASON, before_assessment, needs

SYSTEM_ACTOR = "system"


def now_us() -> str:
    """UTC time with microseconds: events of one alert sort by time, then uid."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")


def append_event(
    conn: sqlite3.Connection,
    alert_id: int,
    *,
    kind: str,
    actor: str,
    from_status: str | None = None,
    to_status: str | None = None,
    note: str | None = None,
    details: dict[str, Any] | None = None,
    run_id: int | None = None,
    origin: str | None = None,
    first: bool = False,
) -> str:
    """Append one event (inside the caller's transaction); returns its uid.

    A caller writing many events may pass ``origin`` (:func:`office_origin`, looked up once)
    and ``first=True`` for an alert it has just created, which has no events to follow yet."""
    at = now_us()
    last = None if first else records.last_event_time(conn, alert_id)
    if last is not None and at <= last:
        # Keep an alert's own events strictly ordered even on a coarse or stepped-back clock.
        at = (dt.datetime.fromisoformat(last) + dt.timedelta(microseconds=1)).isoformat(timespec="microseconds")
    uid = uuid.uuid4().hex
    # A team server's login (None in a project file); the server's own trigger stamps it too,
    # over whatever a client sends, once its roles are set up (workbench.store.pg_roles).
    recorded_by = getattr(conn, "login", None)
    records.insert_event(conn, (uid, alert_id, at, actor, from_status, to_status, note, kind,
                                origin or office_origin(conn), json.dumps(details or {}, sort_keys=True),
                                run_id, recorded_by))
    return uid


@dataclass(frozen=True)
class AlertState:
    """What an alert's event log says about it now."""

    status: str
    snoozed_until: str | None = None
    likelihood: int | None = None
    consequence: int | None = None
    risk_level: str | None = None
    outcome: str | None = None
    dismiss_reason: str | None = None


def replay(events: Iterable[tuple[Any, ...]]) -> AlertState:
    """The state after ``(at, event_uid, to_status, details_json[, from_status])`` events, in time
    then uid order.

    With ``from_status`` given, a status change applies only when it starts from the state
    replayed so far: merged copies each carry their own "opened by run" event and their own
    transitions, and a change made from a state this log has already left (a later run's
    creation, a stale transition from the other office) must not reopen or rewind the alert.
    The event stays in the log; it just does not move the status. A creation (from ``None``)
    counts only as the first status change. Four-element events skip the check.

    A correction (details ``correction: true``) is a status change like any other; moving back
    before verification it also clears the risk assessment, and away from a dismissal its reason.
    """
    state: dict[str, Any] = {"status": NEW}
    started = False
    for ev in sorted(events, key=lambda e: (e[0], e[1])):
        to_status, details = ev[2], ev[3]
        d = json.loads(details or "{}")
        if to_status and len(ev) > 4:
            from_status = ev[4]
            applies = (not started) if from_status is None else (started and from_status == state["status"])
            if not applies:
                continue
        if to_status:
            started = True
            state["status"] = to_status
            if REASON in needs(to_status):
                state["dismiss_reason"] = d.get("reason")
            if d.get("correction"):  # the corrected state replaces what the wrong decision recorded
                if REASON not in needs(to_status):
                    state["dismiss_reason"] = None
                if before_assessment(to_status) and ASSESSMENT not in needs(to_status):
                    for k in ("likelihood", "consequence", "risk_level", "outcome"):
                        state[k] = None
            if to_status in CLOSED:
                state["snoozed_until"] = None
        if "snoozed_until" in d:
            state["snoozed_until"] = d["snoozed_until"]
        if "likelihood" in d:
            for k in ("likelihood", "consequence", "risk_level", "outcome"):
                state[k] = d.get(k)
    return AlertState(**state)


def refresh_alert_state(conn: sqlite3.Connection, alert_id: int) -> AlertState:
    """Write the state implied by the event log into the alert row (only if it differs)."""
    state = replay(records.event_log(conn, alert_id))
    cols = ("status", "snoozed_until", "likelihood", "consequence", "risk_level", "outcome", "dismiss_reason")
    records.write_state(conn, alert_id, {c: getattr(state, c) for c in cols})
    return state


def history_frame(
    conn: sqlite3.Connection, *, region: str | None = None, alert_id: int | None = None,
    parsed: bool = False, alert_ids: Iterable[int] | None = None,
) -> pd.DataFrame:
    """Events with their alert's series, oldest first: ``workbench history``, the desktop's
    timelines and chart notes, and the brief all read this. ``parsed``: ``details`` as dicts
    (for code) rather than JSON text (for output)."""
    df = records.events_frame(conn, alert_id=alert_id, alert_ids=alert_ids)
    if region is not None:  # casefold in Python: SQLite's lower() is ASCII-only
        df = df[df["region"].str.casefold() == " ".join(region.split()).casefold()].reset_index(drop=True)
    if parsed:
        df["details"] = [json.loads(d or "{}") for d in df["details"]]
    return df


def shown_kinds(events: pd.DataFrame) -> pd.Series:
    """Each event's kind as a person reads it: a transition whose details say ``correction: true``
    is a ``correction`` (the stored kind stays ``transition``: a correction is a status change
    like any other). ``workbench history --format table``, the brief's history and decisions
    and the desktop's timeline label corrections by this one rule."""
    if events.empty:
        return pd.Series([], dtype=object, index=events.index)
    flags = [bool((d if isinstance(d, dict) else json.loads(d or "{}")).get("correction")) for d in events["details"]]
    return pd.Series(np.where(flags, "correction", events["kind"].to_numpy(dtype=object)), index=events.index,
                     dtype=object)


def replace_events(events: pd.DataFrame, alert_ids: Iterable[int], fresh: pd.DataFrame) -> pd.DataFrame:
    """``events`` with those of ``alert_ids`` replaced by ``fresh`` (their events read again)."""
    wanted = {int(i) for i in alert_ids}
    kept = events[~events["alert_id"].isin(wanted)] if len(events) else events
    if fresh.empty:
        return kept.reset_index(drop=True)
    out = pd.concat([kept, fresh[kept.columns]], ignore_index=True) if len(kept) else fresh
    at = out["at"].to_numpy(dtype=str)
    uid = out["event_uid"].to_numpy(dtype=str)
    return out.iloc[np.lexsort((uid, at))].reset_index(drop=True)
