"""The weekly meeting: its marker, and what is new, changed, escalated or overdue since then.

A team meets every week or so and wants to start from what moved since it last met, not from
every alert a first model run opened over years of history. The **meeting marker** is the
time of the last meeting: the time the last brief was written (writing a brief sets it) or a
date someone chose. It is kept in the project (``meta``), so everyone working on the same file
or team server shares it.

:func:`since_meeting` reads the alerts (:func:`alerts.listing.read_alerts`) and their events
(:func:`alerts.history.history_frame`) and says, per alert, *why* it belongs on the agenda:

- ``new``: raised after the marker and still active (an ended episode a first run found in
  old data is history, not news);
- ``escalated``: moved to *escalated* after the marker, or a run raised its severity (the run
  event's details ``severity_from``/``severity_to``; an older project's run note);
- ``changed``: a person decided on it (a transition or a correction) after the marker, or a
  run extended its episode and it is still active;
- ``overdue``: active, still waiting for verification (new or acknowledged) for more than
  :data:`OVERDUE_DAYS` days.

The desktop's landing view, ``workbench alerts --since-meeting`` and the brief all call it.
Plain Python, no Qt.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd

from alerts.history import shown_kinds
from workbench.errors import UnusableInputError
from workbench.vocabulary import MEETING_MARKER_KEY, OPEN, SEVERITY_RANK

#: The ``meta`` key the marker is kept under (JSON of :class:`Marker`); on a team server the
#: one setting a coordinator may write (:data:`workbench.store.pg_role_model.COORDINATOR_META_KEYS`).
MARKER_KEY = MEETING_MARKER_KEY
#: Why an alert is on the meeting's agenda, in the order the "why" column lists them.
REASONS: tuple[str, ...] = ("new", "escalated", "changed", "overdue")
#: An active alert still unverified after this many days is overdue (WHO EWARS asks for
#: verification within a day or two; a weekly meeting sees it at the latest a week later).
OVERDUE_DAYS = 7
#: With no marker yet, the agenda covers this many days (one week: the usual meeting cycle).
DEFAULT_DAYS = 7
#: What a run records about an alert it updated (alerts.engine): the details of its run event.
_RUN_CHANGE_KEYS = frozenset({"severity_from", "severity_to", "episode", "first_period_from", "first_period_to"})
#: Run events written before runs recorded those details said the change only in their note
#: ("episode extended to 2024-03; severity low → high"): older projects are read from there.
_SEVERITY_RISE_NOTE = re.compile(r"severity (\w+) → (\w+)")


@dataclass(frozen=True)
class Marker:
    """When the team last met: ``at`` (UTC, ISO), what set it (``brief`` or ``set``) and who.

    ``since``: for a marker a brief set, the time that brief's agenda started from, so that a
    further brief of the same meeting (another language, the other format) covers the same
    agenda while nothing happened in between (:func:`agenda_start`)."""

    at: str
    source: str
    set_by: str
    set_at: str
    since: str | None = None

    @property
    def day(self) -> str:
        return self.at[:10]


def parse_marker_date(text: str) -> str:
    """A date the user typed (``2024-05-03``, ``2024-05-03T10:00``) as a UTC ISO time, or one error."""
    shown = str(text)[:40]
    try:
        ts = pd.Timestamp(str(text).strip())
    except (ValueError, TypeError, OverflowError):
        raise UnusableInputError(f"cannot read {shown!r} as a date; write it like 2024-05-03") from None
    if pd.isna(ts) or not 1990 <= ts.year <= 2200:
        raise UnusableInputError(f"cannot read {shown!r} as a date between 1990 and 2200; write it like 2024-05-03")
    ts = ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")
    return ts.isoformat(timespec="microseconds")


def read_marker(project: Any) -> Marker | None:
    """The project's meeting marker, or None (never set, or unreadable: then nobody met yet)."""
    return parse_marker(project.meta(MARKER_KEY))


def parse_marker(raw: str | None) -> Marker | None:
    """The marker from its stored text (the desktop reads the meta table once, at load)."""
    if not raw:
        return None
    try:
        d = json.loads(raw)
        since = d.get("since")
        return Marker(at=str(d["at"]), source=str(d.get("source", "set")), set_by=str(d.get("set_by", "")),
                      set_at=str(d.get("set_at", d["at"])), since=str(since) if since else None)
    except (ValueError, KeyError, TypeError):
        return None


def refuse_future(at: str, *, now: dt.datetime | None = None) -> None:
    """A meeting date someone sets must not lie ahead: a marker in the future would empty the
    agenda until that day (every change would be "before the last meeting")."""
    now = now or dt.datetime.now(dt.timezone.utc)
    when = pd.Timestamp(parse_marker_date(at))
    if when > pd.Timestamp(now):
        raise UnusableInputError(f"the meeting date {when:%Y-%m-%d} is in the future; the marker says when the team "
                             f"last met (today is {now:%Y-%m-%d} UTC)")


def write_marker(project: Any, at: str, *, source: str, actor: str, since: str | None = None) -> Marker:
    """Set the meeting marker (one transaction through the store's ``set_meta``)."""
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")
    marker = Marker(at=parse_marker_date(at), source=source, set_by=actor, set_at=now, since=since)
    project.set_meta(MARKER_KEY, json.dumps(asdict(marker), sort_keys=True))
    return marker


def marker_time(marker: Marker | None, *, now: dt.datetime | None = None) -> str:
    """The time the agenda starts from: the marker's, or :data:`DEFAULT_DAYS` days ago."""
    if marker is not None:
        return marker.at
    now = now or dt.datetime.now(dt.timezone.utc)
    return (now - dt.timedelta(days=DEFAULT_DAYS)).isoformat(timespec="microseconds")


def agenda_start(marker: Marker | None, events: pd.DataFrame, *, now: dt.datetime | None = None) -> str:
    """The time a brief's agenda starts from: :func:`marker_time`, except that when the marker
    was set by a brief and nothing was recorded since (no decision, note, run event), a further
    brief is of the same meeting and starts where that brief started (``marker.since``).

    A bilingual office writes the French and the Arabic brief of one meeting; without this the
    second would list "nothing since the last meeting" because the first moved the marker."""
    if marker is not None and marker.source == "brief" and marker.since:
        later = len(events) and bool((events["at"].astype(str) > marker.at).any())
        if not later:
            return marker.since
    return marker_time(marker, now=now)


def _details(raw: Any) -> dict:
    if isinstance(raw, dict):
        return raw
    try:
        d = json.loads(raw or "{}")
    except (TypeError, ValueError):
        return {}
    return d if isinstance(d, dict) else {}


def run_change(details: Any, note: str | None) -> tuple[bool, bool]:
    """(severity rose, episode extended) of one run event: from its details, or, for an event an
    older version wrote (no such details), from its note."""
    d = _details(details)
    if _RUN_CHANGE_KEYS & d.keys():
        rose = SEVERITY_RANK.get(str(d.get("severity_to")), 0) > SEVERITY_RANK.get(str(d.get("severity_from")), 0)
        return rose, d.get("episode") == "extended"
    text = note or ""
    m = _SEVERITY_RISE_NOTE.search(text)
    rose = m is not None and SEVERITY_RANK.get(m.group(2), 0) > SEVERITY_RANK.get(m.group(1), 0)
    return rose, "episode extended" in text


def agenda_reasons(alerts: pd.DataFrame, events: pd.DataFrame, since: str) -> pd.Series:
    """``why`` per alert (index aligned with ``alerts``): the :data:`REASONS` that put it on the
    agenda since ``since`` (an ISO time), comma-separated in that order; "" when none.

    ``alerts``: :func:`alerts.listing.read_alerts`; ``events``: :func:`alerts.history.history_frame`
    (its ``at`` times are ISO UTC text, which sort as times).
    """
    n = len(alerts)
    if not n:
        return pd.Series([], dtype=object, index=alerts.index)
    ids = alerts["id"].to_numpy(dtype=np.int64)
    active = alerts["active"].to_numpy(dtype=bool)
    opened = alerts["opened_at"].fillna("").astype(str).to_numpy()
    ev = events[events["at"].astype(str) >= since] if len(events) else events
    if len(ev):
        kind = ev["kind"].astype(str)
        to = ev["to_status"].fillna("").astype(str)
        note = ev["note"].fillna("").astype(str)
        person = (kind == "transition") & (to != "") & ev["from_status"].notna()  # not a run's or a reopen's
        runs = ev[(kind == "run").to_numpy()]
        changes = [run_change(d, n) for d, n in zip(runs["details"], note[kind == "run"])]
        rose = np.array([c[0] for c in changes], dtype=bool)
        went_on = np.array([c[1] for c in changes], dtype=bool)
        run_ids = runs["alert_id"].to_numpy(dtype=np.int64)
        escalated_ids = set(ev.loc[person & (to == "escalated"), "alert_id"].astype(int)) | set(run_ids[rose].tolist())
        decided_ids = set(ev.loc[person, "alert_id"].astype(int))
        extended_ids = set(run_ids[went_on].tolist())
    else:
        escalated_ids, decided_ids, extended_ids = set(), set(), set()
    reasons = {
        "new": (opened >= since) & active,
        "escalated": np.isin(ids, list(escalated_ids)),
        "changed": np.isin(ids, list(decided_ids)) | (np.isin(ids, list(extended_ids)) & active),
        "overdue": active & alerts["status"].isin(OPEN[:2]).to_numpy()
        & (alerts["waiting_days"].fillna(0).to_numpy(dtype=float) > OVERDUE_DAYS),
    }
    why = [", ".join(r for r in REASONS if reasons[r][i]) for i in range(n)]
    return pd.Series(why, index=alerts.index, dtype=object)


def since_meeting(alerts: pd.DataFrame, events: pd.DataFrame, since: str) -> pd.DataFrame:
    """The alerts on the meeting's agenda (a ``why`` column added), in the listing's order."""
    why = agenda_reasons(alerts, events, since)
    out = alerts.assign(why=why)
    return out[out["why"] != ""]


def situation_reasons(agenda: pd.DataFrame) -> dict[int, str]:
    """``situation_id -> why`` of a :func:`since_meeting` selection: the reasons of its alerts."""
    out: dict[int, str] = {}
    if agenda.empty:
        return out
    for sid, whys in agenda.groupby(agenda["situation_id"].astype("int64"))["why"]:
        found = {w for text in whys for w in text.split(", ") if w}
        out[int(sid)] = ", ".join(r for r in REASONS if r in found)
    return out


#: The columns of :func:`decisions_since` (the brief's record of the meeting).
DECISION_COLUMNS = ("at", "actor", "alert_id", "region", "indicator", "kind", "from_status", "to_status",
                    "note", "likelihood", "consequence", "risk_level", "outcome", "reason", "corrects")


def decisions_since(events: pd.DataFrame, since: str | None) -> pd.DataFrame:
    """What people decided since ``since`` (None: ever), oldest first: transitions, corrections
    and notes with who, when, the note, the risk assessment, the outcome and the dismissal
    reason. Run events and snoozes are the system's or the calendar's, not decisions."""
    cols = list(DECISION_COLUMNS)
    if events.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    ev = events[events["kind"].isin(("transition", "note"))]
    if since is not None:
        ev = ev[ev["at"].astype(str) >= since]
    details = [d if isinstance(d, dict) else json.loads(d or "{}") for d in ev["details"]]
    keep = np.array([not ("snoozed_until" in d or "reopened_as" in d) for d in details], dtype=bool)
    ev, details = ev[keep], [d for d, k in zip(details, keep) if k]
    out = ev[["at", "actor", "alert_id", "region", "indicator", "kind", "from_status", "to_status", "note"]].copy()
    for key in ("likelihood", "consequence", "risk_level", "outcome", "reason", "corrects"):
        out[key] = [d.get(key) for d in details]
    out["kind"] = shown_kinds(ev.assign(details=details)).to_numpy(dtype=object)
    return out[cols].reset_index(drop=True)


__all__ = [
    "DECISION_COLUMNS", "DEFAULT_DAYS", "MARKER_KEY", "OVERDUE_DAYS", "REASONS", "Marker", "agenda_reasons",
    "agenda_start", "refuse_future",
    "decisions_since", "marker_time", "parse_marker", "parse_marker_date", "read_marker", "run_change", "since_meeting",
    "situation_reasons",
    "write_marker",
]
