"""What an alert or event from another copy of the project must look like before it is merged.

A copy that comes back from another office is a file anyone could have edited with any
SQLite tool. Before this check, forged ``system`` events, times in 1970 or 9999 or no time
at all, an "escalated" alert with no history, and values SQLite happily stores but the
workbench cannot use (a 2**62 in a time column, ``NaN`` as a likelihood) were all merged -
two alerts then failed on every later command. Every row is therefore checked field by
field against what the workbench itself writes (:func:`alert_problem`, :func:`event_problem`);
:mod:`alerts.merge` adds the checks that need the whole log (each alert has a history that
begins with its creation, events fall within the alert's life, an event the other copy
shares must be identical) and applies only what passed. Everything else is *quarantined*:
listed with its reason, never written.

The tables below are the rules; a new status, kind or transition that the workbench starts
writing is one line here.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from typing import Any

from alerts.history import SYSTEM_ACTOR
from alerts.lifecycle import DISMISS_REASONS, OPEN, OUTCOMES, REOPEN, STATUSES, TRANSITIONS, risk_level
from workbench.vocabulary import ALERT_KINDS as KINDS
from workbench.vocabulary import SEVERITIES, correction_targets

#: How far ahead of this computer's clock an event may be (another laptop's clock, a wrong
#: time zone setting that still shows the right local time: up to 14 hours).
FUTURE_SKEW = dt.timedelta(hours=24)
#: How far around its run's start and end a run's event may be (``append_event`` keeps an
#: alert's events strictly ordered by nudging a time forward by microseconds).
RUN_SKEW = dt.timedelta(seconds=5)
FREQS = ("D", "W", "M", "Q", "Y")
RISK_LEVELS = ("low", "moderate", "high", "very high")
EVENT_KINDS = ("transition", "note", "run")
#: What a model run may do to a status: open an alert, note an update, withdraw an open one.
RUN_TRANSITIONS: dict[str | None, tuple[str | None, ...]] = {
    None: ("new",),
    **{s: (None, "withdrawn") if s in OPEN else (None,) for s in STATUSES},
}
_UID = re.compile(r"^[0-9A-Za-z_-]{1,64}$")
_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$")  # what history.now_us writes
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_TEXT = 20_000
MAX_NAME = 500
MAX_DETAILS = 100_000


def parse_time(value: Any) -> dt.datetime | None:
    """An event time in the exact form the workbench writes (UTC, microseconds), or None."""
    if not isinstance(value, str) or not _TIME.match(value):
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None


def parse_any_time(value: Any) -> dt.datetime | None:
    """A time the workbench wrote with any precision (``run.started_at``, ``meta.created_at``)."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        t = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return t if t.tzinfo is not None else t.replace(tzinfo=dt.timezone.utc)


def _date_ok(value: Any) -> bool:
    if not isinstance(value, str) or not _DATE.match(value):
        return False
    try:
        d = dt.date.fromisoformat(value)
    except ValueError:
        return False
    return 1900 <= d.year <= 2200


def _text(value: Any, limit: int, *, empty: bool = False, one_line: bool = False) -> bool:
    if not isinstance(value, str) or len(value) > limit or (not empty and not value.strip()):
        return False
    if "\x00" in value:
        return False
    return not (one_line and any(ch in value for ch in "\r\n\x1b"))


def _int(value: Any, lo: int, hi: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and lo <= value <= hi


def _json_object(value: Any) -> dict | None:
    if not isinstance(value, str) or len(value) > MAX_DETAILS:
        return None
    try:
        d = json.loads(value, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))
    except (ValueError, RecursionError):
        return None
    return d if isinstance(d, dict) else None


def alert_problem(a: dict[str, Any]) -> str | None:
    """Why an alert row of the other copy cannot be merged, or None."""
    if not _int(a["id"], 1, 2**63 - 1):
        return "its id is not a whole number"
    if not isinstance(a["uid"], str) or not _UID.match(a["uid"]):
        return "its uid is not an identifier"
    for col in ("rule", "region", "indicator", "method"):
        if not _text(a[col], MAX_NAME, one_line=True):
            return f"its {col} is not a name"
    if not _text(a["grp"], MAX_NAME, empty=True, one_line=True):
        return "its group is not a name"
    checks = (("kind", KINDS), ("freq", FREQS), ("severity", SEVERITIES), ("status", STATUSES))
    for col, allowed in checks:
        if a[col] not in allowed:
            return f"its {col} is not one of {', '.join(allowed)}"
    for col in ("first_period", "last_period", "peak_period"):
        if not _date_ok(a[col]):
            return f"its {col} is not a date between 1900 and 2200"
    if not a["first_period"] <= a["last_period"]:
        return "its first period is after its last"
    score = a["score"]
    if score is not None and (isinstance(score, bool) or not isinstance(score, (int, float))
                              or not math.isfinite(score) or abs(score) > 1e9):
        return "its score is not a finite number"
    if not _text(a["explanation"], MAX_TEXT, empty=True):
        return "its explanation is not text"
    if a["snoozed_until"] is not None and not _date_ok(a["snoozed_until"]):
        return "its snooze is not a date"
    for col in ("likelihood", "consequence"):
        if a[col] is not None and not _int(a[col], 1, 5):
            return f"its {col} is not 1 to 5"
    for col, allowed in (("risk_level", RISK_LEVELS), ("outcome", OUTCOMES), ("dismiss_reason", DISMISS_REASONS)):
        if a[col] is not None and a[col] not in allowed:
            return f"its {col} is not one of {', '.join(allowed)}"
    if a["previous_alert_id"] is not None and not _int(a["previous_alert_id"], 1, 2**63 - 1):
        return "its predecessor is not an alert id"
    if _json_object(a["details"]) is None:
        return "its details are not a JSON object"
    return None


def _details_problem(d: dict, kind: str, to_status: str | None) -> str | None:
    if "reason" in d and d["reason"] not in DISMISS_REASONS:
        return "its dismissal reason is unknown"
    if to_status == "dismissed" and kind == "transition" and d.get("reason") not in DISMISS_REASONS:
        return "a dismissal without a reason"
    if "snoozed_until" in d and d["snoozed_until"] is not None and not _date_ok(d["snoozed_until"]):
        return "its snooze is not a date"
    if "likelihood" in d or to_status == "verified" and kind == "transition":
        lk, cq = d.get("likelihood"), d.get("consequence")
        if not (_int(lk, 1, 5) and _int(cq, 1, 5)) or d.get("outcome") not in OUTCOMES:
            return "a verification without a likelihood, consequence (1-5) and outcome"
        if d.get("risk_level") != risk_level(d["likelihood"], d["consequence"]):
            return "its risk level does not follow from its likelihood and consequence"
    for key in ("reopened_from", "reopened_as"):
        if key in d and not _int(d[key], 1, 2**63 - 1):
            return f"its {key} is not an alert id"
    return None


def event_problem(e: dict[str, Any], runs: dict[int, tuple[dt.datetime, dt.datetime | None]],
                  *, now: dt.datetime, created: dt.datetime | None) -> str | None:
    """Why an event row of the other copy cannot be merged, or None.

    ``runs`` are the other copy's runs (id -> start, end); ``created`` is when the project
    was created (no event can be older).
    """
    if not isinstance(e["event_uid"], str) or not _UID.match(e["event_uid"]):
        return "its uid is not an identifier"
    if not _int(e["alert_id"], 1, 2**63 - 1):
        return "its alert id is not a whole number"
    at = parse_time(e["at"])
    if at is None:
        return "its time is not a UTC time as the workbench writes it"
    if at > now + FUTURE_SKEW:
        return f"its time {e['at'][:19]} is in the future"
    if created is not None and at < created - FUTURE_SKEW:
        return f"its time {e['at'][:19]} is before the project was created"
    if not _text(e["actor"], 200, one_line=True):
        return "its actor is not a name"
    if e["kind"] not in EVENT_KINDS:
        return f"its kind is not one of {', '.join(EVENT_KINDS)}"
    for col in ("from_status", "to_status"):
        if e[col] is not None and e[col] not in STATUSES:
            return f"its {col.replace('_', ' ')} is not a status"
    if e["note"] is not None and not _text(e["note"], MAX_TEXT, empty=True):
        return "its note is not text"
    if not isinstance(e["origin"], str) or not _UID.match(e["origin"]):
        return "its origin is not an office id"
    details = _json_object(e["details"])
    if details is None:
        return "its details are not a JSON object"
    kind, frm, to = e["kind"], e["from_status"], e["to_status"]
    by_run = kind == "run" or e["actor"] == SYSTEM_ACTOR
    if by_run:
        if kind != "run" or e["actor"] != SYSTEM_ACTOR:
            return f"only a model run acts as {SYSTEM_ACTOR!r}"
        run_id = e["run_id"]
        if not _int(run_id, 1, 2**63 - 1) or run_id not in runs:
            return "it claims to come from a model run that the copy does not hold"
        start, end = runs[run_id]
        if end is None or not start - RUN_SKEW <= at <= end + RUN_SKEW:
            return "its time lies outside the model run it claims to come from"
        if to not in RUN_TRANSITIONS.get(frm, ()):
            return f"a model run does not move an alert from {frm or 'nothing'} to {to or 'nothing'}"
    else:
        if e["run_id"] is not None:
            return "a person's event that names a model run"
        if kind == "note":
            if to is not None:
                return "a note that changes the status"
        elif frm is None:
            if to != "new" or not _int(details.get("reopened_from"), 1, 2**63 - 1):
                return "a person's event that creates an alert without reopening one"
        elif details.get("correction") is True:  # a correction may go backwards (alerts.lifecycle.correct)
            if to not in correction_targets(frm):
                return f"a correction cannot put an alert that is {frm} in {to}"
            if not isinstance(details.get("corrects"), str) or not _UID.match(details["corrects"]):
                return "a correction that does not name the decision it corrects"
            if not _text(e["note"], MAX_TEXT):
                return "a correction without a note saying why"
        elif to not in TRANSITIONS.get(frm, ()) or to == REOPEN:
            return f"an alert cannot go from {frm} to {to}"
    return _details_problem(details, kind, to)


__all__ = ["FUTURE_SKEW", "RUN_TRANSITIONS", "alert_problem", "event_problem", "parse_any_time", "parse_time"]
