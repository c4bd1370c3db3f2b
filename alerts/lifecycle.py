"""What a team may do with an alert, and the record it leaves.

``new → acknowledged → verified → escalated → closed``; ``dismissed`` (with a reason) from
any open state; ``withdrawn`` only by the system when a data correction removes the signal.
A closed or dismissed alert is never reopened in place: ``reopen`` starts a new alert
linked to it, so what was decided stays as it was decided. Verification records the WHO
EWARS risk assessment (likelihood x consequence) and an outcome. The states, their
transitions and what each needs are :mod:`workbench.vocabulary`'s table; this module
enforces them.
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass

import pandas as pd

from alerts import records
from alerts.history import append_event, now_us, refresh_alert_state
from workbench.errors import WorkbenchError
from workbench.vocabulary import (
    ASSESSMENT, DISMISS_REASONS, NEW, OPEN, OUTCOMES, REASON, REOPEN, STATE, STATUSES, TRANSITIONS, correction_targets,
    legal_next, needs,
)

LIKELIHOOD = ("very unlikely", "unlikely", "likely", "highly likely", "almost certain")
CONSEQUENCE = ("minimal", "minor", "moderate", "major", "severe")

# WHO rapid risk assessment matrix: rows likelihood 1..5, columns consequence 1..5.
_RISK = (
    ("low", "low", "moderate", "moderate", "high"),
    ("low", "moderate", "moderate", "high", "high"),
    ("moderate", "moderate", "high", "high", "very high"),
    ("moderate", "high", "high", "very high", "very high"),
    ("high", "high", "very high", "very high", "very high"),
)


def risk_level(likelihood: int, consequence: int) -> str:
    """Overall risk from the WHO EWARS likelihood x consequence matrix."""
    for name, v in (("likelihood", likelihood), ("consequence", consequence)):
        if not isinstance(v, int) or not 1 <= v <= 5:
            raise WorkbenchError(f"{name} must be a whole number from 1 to 5, got {v!r}")
    return _RISK[likelihood - 1][consequence - 1]


def normalize_reason(reason: str | None) -> str | None:
    if reason is None:
        return None
    r = "_".join(reason.strip().casefold().replace("-", " ").split())
    if r not in DISMISS_REASONS:
        raise WorkbenchError(
            f"unknown dismissal reason {reason!r}; use one of: {', '.join(DISMISS_REASONS)}"
        )
    return r


def normalize_period(text: str) -> str:
    """``2024-05`` or ``2024-05-01`` → ``2024-05-01`` (a period's first day)."""
    shown = text[:40]
    try:
        ts = pd.Timestamp(text.strip())
    except (ValueError, TypeError, OverflowError):
        raise WorkbenchError(f"cannot read {shown!r} as a period; write it like 2024-05") from None
    if pd.isna(ts) or not 1900 <= ts.year <= 2200:  # 'NaT', 'now'-like words, far-off years
        raise WorkbenchError(f"cannot read {shown!r} as a period between 1900 and 2200; write it like 2024-05")
    return ts.to_period("M").to_timestamp().date().isoformat()


@dataclass(frozen=True)
class Change:
    """What one lifecycle command did, for the CLI's message and the GUI's refresh."""

    alert_id: int
    from_status: str
    to_status: str
    new_alert_id: int | None = None


def _load(conn: sqlite3.Connection, alert_id: int) -> sqlite3.Row | tuple:
    # On a team server, lock the alert so a concurrent analyst's change waits for this one.
    row = records.alert_status(conn, alert_id)
    if row is None:
        raise WorkbenchError(f"there is no alert {alert_id} in this project")
    return row


def set_status(
    conn: sqlite3.Connection,
    alert_id: int,
    to_status: str,
    *,
    actor: str,
    note: str | None = None,
    reason: str | None = None,
    likelihood: int | None = None,
    consequence: int | None = None,
    outcome: str | None = None,
) -> Change:
    """Move an alert to ``to_status`` (inside the caller's transaction) or explain why not."""
    _, current = _load(conn, alert_id)
    to_status = to_status.strip().casefold()
    allowed = legal_next(current)
    if to_status not in allowed:
        nexts = ", ".join(allowed) if allowed else "none (a withdrawn alert is final; a returning signal opens a new alert)"
        if to_status in STATE and STATE[to_status].system_only:
            why = f"only a model run moves an alert to {to_status}"
        elif to_status not in (*STATUSES, REOPEN):
            why = f"{to_status!r} is not a status ({', '.join((*STATUSES, REOPEN))})"
        else:
            why = f"an alert cannot go from {current} to {to_status}"
        raise WorkbenchError(f"alert {alert_id} is {current}: {why}; legal next: {nexts}")
    details = _recorded(to_status, reason, likelihood, consequence, outcome)
    if to_status == REOPEN:
        new_id = reopen(conn, alert_id, actor=actor, note=note)
        return Change(alert_id, current, NEW, new_alert_id=new_id)
    append_event(conn, alert_id, kind="transition", actor=actor, from_status=current, to_status=to_status,
                 note=note, details=details)
    refresh_alert_state(conn, alert_id)
    return Change(alert_id, current, to_status)


def _recorded(to_status: str, reason: str | None, likelihood: int | None, consequence: int | None,
              outcome: str | None) -> dict:
    """What a move to ``to_status`` records (its reason or risk assessment), checked."""
    details: dict = {}
    wants = needs(to_status)
    if REASON in wants:
        r = normalize_reason(reason)
        if r is None:
            raise WorkbenchError(f"moving an alert to {to_status} needs --reason ({', '.join(DISMISS_REASONS)})")
        details["reason"] = r
    elif reason is not None:
        raise WorkbenchError("--reason is only for dismissing an alert")
    if ASSESSMENT in wants:
        if likelihood is None or consequence is None or outcome is None:
            raise WorkbenchError(
                "verifying records the risk assessment: give --likelihood 1-5, --consequence 1-5 "
                f"and --outcome ({', '.join(OUTCOMES)})"
            )
        if outcome not in OUTCOMES:
            raise WorkbenchError(f"unknown outcome {outcome!r}; use one of: {', '.join(OUTCOMES)}")
        details.update(likelihood=likelihood, consequence=consequence, outcome=outcome,
                       risk_level=risk_level(likelihood, consequence))
    elif likelihood is not None or consequence is not None or outcome is not None:
        raise WorkbenchError("--likelihood, --consequence and --outcome are recorded when verifying")
    return details


def correct(
    conn: sqlite3.Connection,
    alert_id: int,
    to_status: str,
    *,
    actor: str,
    note: str | None,
    reason: str | None = None,
    likelihood: int | None = None,
    consequence: int | None = None,
    outcome: str | None = None,
) -> Change:
    """Correct the latest decision on an alert: a new event puts it in ``to_status`` (any state a
    person can set, backwards too), records why (``note``, required) and which decision it
    corrects. The wrong decision stays in the history; the replayed state is the corrected one."""
    _, current = _load(conn, alert_id)
    to_status = to_status.strip().casefold()
    if not note or not note.strip():
        raise WorkbenchError("a correction says why the decision was wrong: give --note TEXT")
    targets = correction_targets(current)
    if not targets:
        raise WorkbenchError(f"alert {alert_id} is {current}: only a model run decides a withdrawn alert")
    if to_status not in targets:
        raise WorkbenchError(f"alert {alert_id} is {current}: a correction can set {', '.join(targets)}, "
                             f"not {to_status!r}")
    last = records.last_decision(conn, alert_id)
    if last is None:
        raise WorkbenchError(f"alert {alert_id} has no decision to correct (nobody has moved it yet)")
    details = _recorded(to_status, reason, likelihood, consequence, outcome)
    details.update(correction=True, corrects=last[0])
    append_event(conn, alert_id, kind="transition", actor=actor, from_status=current, to_status=to_status,
                 note=note.strip(), details=details)
    refresh_alert_state(conn, alert_id)
    return Change(alert_id, current, to_status)


def reopen(conn: sqlite3.Connection, alert_id: int, *, actor: str, note: str | None = None) -> int:
    """A new alert for the same series and periods, linked to the closed or dismissed one."""
    cols = ("rule", "region", "indicator", "grp", "kind", "freq", "method", "first_period", "last_period",
            "peak_period", "severity", "score", "explanation", "situation_id", "opened_run", "updated_run", "details")
    row = records.alert_values(conn, alert_id, cols)
    if row is None:
        raise WorkbenchError(f"there is no alert {alert_id} in this project")
    # One episode has at most one open alert: a second reopen would duplicate it.
    live = records.open_alert_for(conn, row[:5], OPEN, first_period=row[7], last_period=row[8])
    if live is not None:
        raise WorkbenchError(f"alert {alert_id} cannot be reopened: alert {live[0]} ({live[1]}) is already open "
                             "for this episode; work on that one")
    new_id = records.insert_alert(conn, {"uid": uuid.uuid4().hex, "status": NEW, "previous_alert_id": alert_id,
                                         **dict(zip(cols, row))})
    append_event(conn, new_id, kind="transition", actor=actor, from_status=None, to_status=NEW,
                 note=note or f"reopened from alert {alert_id}", details={"reopened_from": alert_id})
    append_event(conn, alert_id, kind="note", actor=actor, note=f"reopened as alert {new_id}",
                 details={"reopened_as": new_id})
    return new_id


def add_note(conn: sqlite3.Connection, alert_id: int, note: str, *, actor: str) -> None:
    _load(conn, alert_id)
    if not note.strip():
        raise WorkbenchError("a note needs some text")
    append_event(conn, alert_id, kind="note", actor=actor, note=note)


def snooze(conn: sqlite3.Connection, alert_id: int, until: str, *, actor: str, note: str | None = None) -> str:
    """Hide an open alert from the inbox until a period (its history still shows it)."""
    _, current = _load(conn, alert_id)
    if current not in OPEN:
        raise WorkbenchError(f"alert {alert_id} is {current}; only open alerts ({', '.join(OPEN)}) can be snoozed")
    period = normalize_period(until)
    append_event(conn, alert_id, kind="note", actor=actor, note=note or f"snoozed until {period[:7]}",
                 details={"snoozed_until": period})
    refresh_alert_state(conn, alert_id)
    return period


__all__ = [
    "CONSEQUENCE", "DISMISS_REASONS", "LIKELIHOOD", "OPEN", "OUTCOMES", "STATUSES", "TRANSITIONS",
    "Change", "add_note", "correct", "legal_next", "now_us", "reopen", "risk_level", "set_status", "snooze",
]
