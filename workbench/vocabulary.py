"""The words alerts are described with, each defined once: states, transitions, severities.

Every module that lists, checks, colours, sorts or counts an alert's status or severity takes
it from here: the lifecycle (``alerts.lifecycle``), the replay of an alert's history
(``alerts.history``), the listings and views, the desktop's buttons and filters, and the team
server's guards (``workbench.store.pg_roles`` / ``pg_guards``, generated from this table when
``server init`` installs them). The store holds statuses as plain text (no ``CHECK`` list
since schema 7), so a new state is one :class:`AlertState` row here (plus its tests), not a
table rebuild. Plain data; this module imports nothing from the project.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import numpy as np

# -- what an alert is about -----------------------------------------------------------------
#: The kinds of series an alert (and a rule's ``kinds`` filter) is about.
ALERT_KINDS: tuple[str, ...] = ("observed", "gap", "spread", "polarization", "composite")

# -- severities ------------------------------------------------------------------------------
#: Severity levels, mildest first (a rule's ``min_severity`` compares by this order).
SEVERITIES: tuple[str, ...] = ("low", "medium", "high")
#: The same levels, worst first: how counts and legends are listed.
WORST_FIRST: tuple[str, ...] = tuple(reversed(SEVERITIES))
#: ``severity -> rank`` (1 low .. 3 high); 0 is "no alert" in grids and unknown text.
SEVERITY_RANK: dict[str, int] = {s: i for i, s in enumerate(SEVERITIES, start=1)}


def severity_rank(values: Iterable[object]) -> np.ndarray:
    """Ranks (1 low .. 3 high, 0 unknown) of severities, as floats for numpy arithmetic."""
    return np.array([SEVERITY_RANK.get(v, 0) if isinstance(v, str) else 0 for v in values], dtype=float)


def severity_name(rank: float) -> str:
    """The severity of a rank (the inverse of :func:`severity_rank`); '' for 0."""
    r = int(rank)
    return SEVERITIES[r - 1] if 1 <= r <= len(SEVERITIES) else ""


def at_least(severity: str, floor: str) -> bool:
    """``severity`` is ``floor`` or worse."""
    return SEVERITY_RANK.get(severity, 0) >= SEVERITY_RANK.get(floor, 0)


# -- alert states ----------------------------------------------------------------------------
#: Not a state: a person's action on a closed or dismissed alert that opens a NEW alert linked
#: to it (what was decided stays as it was decided).
REOPEN = "reopen"
#: What a move into a state must record: a dismissal reason, or the WHO risk assessment.
REASON, ASSESSMENT = "reason", "assessment"
DISMISS_REASONS: tuple[str, ...] = ("false_alarm", "data_error", "known_cause")
OUTCOMES: tuple[str, ...] = ("respond", "monitor", "discard")


@dataclass(frozen=True)
class AlertState:
    """One status an alert can have, and what moving into it means."""

    name: str
    #: still to be worked: counted in the inbox, may be snoozed; leaving an open state for a
    #: closed one clears a snooze.
    is_open: bool
    #: the legal next states for a person (``REOPEN``: a new linked alert).
    next: tuple[str, ...]
    #: the team-server role a person needs to move an alert INTO this state.
    role: str = "coordinator"
    #: the button that does it ("" when people cannot).
    action: str = ""
    #: what such a move must record (:data:`REASON`, :data:`ASSESSMENT`).
    needs: tuple[str, ...] = ()
    #: only a model run moves an alert here (a data correction removed its signal).
    system_only: bool = False
    #: drawn on the risk heatmap (a dismissal says it was nothing; a withdrawal, gone).
    on_heatmap: bool = True


STATES: tuple[AlertState, ...] = (
    AlertState("new", True, ("acknowledged", "dismissed")),
    AlertState("acknowledged", True, ("verified", "dismissed"), role="analyst", action="Acknowledge"),
    AlertState("verified", True, ("escalated", "closed", "dismissed"), action="Verify", needs=(ASSESSMENT,)),
    AlertState("escalated", True, ("closed", "dismissed"), action="Escalate"),
    AlertState("closed", False, (REOPEN,), action="Close"),
    AlertState("dismissed", False, (REOPEN,), action="Dismiss", needs=(REASON,), on_heatmap=False),
    AlertState("withdrawn", False, (), system_only=True, on_heatmap=False),
)
STATE: dict[str, AlertState] = {s.name: s for s in STATES}

# What the rest of the code reads, derived from the table above.
STATUSES: tuple[str, ...] = tuple(s.name for s in STATES)
OPEN: tuple[str, ...] = tuple(s.name for s in STATES if s.is_open)
#: Open and decided on by someone (everything open but the state a run opens alerts in).
IN_PROGRESS: tuple[str, ...] = OPEN[1:]
CLOSED: tuple[str, ...] = tuple(s.name for s in STATES if not s.is_open)
TRANSITIONS: dict[str, tuple[str, ...]] = {s.name: s.next for s in STATES}
REOPENABLE: tuple[str, ...] = tuple(s.name for s in STATES if REOPEN in s.next)
NOT_ON_HEATMAP: tuple[str, ...] = tuple(s.name for s in STATES if not s.on_heatmap)
#: ``action -> button label`` for every state a person can move to, and reopen.
ACTIONS: dict[str, str] = {**{s.name: s.action for s in STATES if s.action}, REOPEN: "Reopen"}
NEW, WITHDRAWN = STATES[0].name, "withdrawn"


#: Not a state either: a person's correction of a wrong decision. It is a transition event whose
#: details say ``{"correction": true, "corrects": <uid of the decision it corrects>}``; it may
#: move the alert to any state a person can set (backwards too), the history keeps both events,
#: and the replay (:func:`alerts.history.replay`) ends in the corrected state.
CORRECTION = "correction"
#: The team-server role a correction needs (it can undo anyone's decision).
CORRECTION_ROLE = "coordinator"

# -- the weekly meeting --------------------------------------------------------------------
#: The project setting (``meta`` key) holding the team's meeting marker (alerts.meeting). On a
#: team server it is the one setting a coordinator, who runs the meeting, may write
#: (workbench.store.pg_role_model.COORDINATOR_META_KEYS).
MEETING_MARKER_KEY = "meeting_marker"


def correction_targets(status: str) -> tuple[str, ...]:
    """The states a correction may put an alert in that is now ``status``: any state a person can
    set other than the current one (or the same one, to fix its reason or risk assessment); none
    for a withdrawn alert, which only a model run decides."""
    s = STATE.get(status)
    if s is None or s.system_only:
        return ()
    return tuple(t.name for t in STATES if not t.system_only and (t.name != status or t.needs))


def before_assessment(status: str) -> bool:
    """``status`` comes before any state that records the risk assessment (new, acknowledged):
    a correction back to it clears the assessment."""
    first = next(i for i, s in enumerate(STATES) if ASSESSMENT in s.needs)
    return status in STATUSES[:first]


def legal_next(status: str) -> tuple[str, ...]:
    return TRANSITIONS.get(status, ())


def needs(to_status: str) -> tuple[str, ...]:
    """What moving an alert to ``to_status`` must record."""
    s = STATE.get(to_status)
    return s.needs if s is not None else ()


def status_role(to_status: str) -> str:
    """The team-server role a person needs to move an alert to ``to_status`` (``reopen`` included)."""
    s = STATE.get(to_status.strip().casefold())
    return s.role if s is not None else "coordinator"


def person_transitions() -> dict[tuple[str, str], str]:
    """``(from, to) -> role`` of every move a person may make (reopen, which starts a new
    alert, is not a move of the alert itself)."""
    return {(s.name, b): STATE[b].role for s in STATES for b in s.next if b != REOPEN}


__all__ = [
    "ACTIONS", "ASSESSMENT", "CLOSED", "CORRECTION", "CORRECTION_ROLE", "DISMISS_REASONS", "IN_PROGRESS",
    "MEETING_MARKER_KEY", "NEW", "NOT_ON_HEATMAP", "OPEN", "OUTCOMES", "REASON", "REOPEN", "REOPENABLE", "SEVERITIES",
    "SEVERITY_RANK", "STATE", "STATES", "STATUSES", "TRANSITIONS", "WITHDRAWN", "WORST_FIRST", "AlertState",
    "at_least", "before_assessment", "correction_targets", "legal_next", "needs", "person_transitions",
    "severity_name", "severity_rank", "status_role",
]
