"""The team server's role model as data: the roles, what each may do, and the columns and
tables the guards protect.

Read by the role installer (:mod:`pg_roles`) and by the guards it installs
(:mod:`pg_guards`); kept apart so that neither imports the other for it.
"""

from __future__ import annotations

from workbench.vocabulary import MEETING_MARKER_KEY, person_transitions

ROLES = ("analyst", "coordinator", "admin")
LEVELS = {"analyst": 1, "coordinator": 2, "admin": 3, "owner": 4}
LEVEL_NAMES = {level: name for name, level in LEVELS.items()}

#: What each role adds, in the words of ``workbench server roles`` and docs/deployment.md.
ROLE_RIGHTS = {
    "analyst": "read everything (alerts, history, data, briefs, exports, checkout); add notes; acknowledge",
    "coordinator": "as analyst, and verify, escalate, close, dismiss, reopen, snooze; set the meeting date",
    "admin": "as coordinator, and import, run the models, change rules, merge copies back, index definitions, "
             "boundaries",
}

#: Transitions a person may make (the vocabulary's, without reopen, which starts a new
#: alert) and the role each needs.
TRANSITION_ROLE: dict[tuple[str, str], str] = person_transitions()
#: Detail keys a coordinator's events may carry (an analyst's carry none).
DECISION_KEYS = ("reason", "likelihood", "consequence", "outcome", "risk_level", "snoozed_until",
                 "reopened_from", "reopened_as", "correction", "corrects")
#: The alert columns that are the replay of its history (alerts.history.refresh_alert_state).
STATE_COLUMNS = ("status", "snoozed_until", "likelihood", "consequence", "risk_level", "outcome", "dismiss_reason")
#: Columns a coordinator's reopened alert copies from the alert it reopens (alerts.lifecycle.reopen).
REOPEN_COPIES = ("rule", "region", "indicator", "grp", "kind", "freq", "method", "first_period", "last_period",
                 "peak_period", "severity", "score", "explanation", "situation_id", "opened_run", "updated_run",
                 "details")
#: Meta keys that are the project's identity: set up by the owner, never changed by a role.
IDENTITY_KEYS = ("project_id", "office_id", "schema_version", "created_at", "created_by_version")
#: Meta keys a coordinator may write: the meeting marker, as the coordinator runs the weekly
#: meeting (INSERT/UPDATE of exactly these rows: pg_guards.META_GUARD refuses every other key
#: below admin, and a marker that names anyone but the login as its setter).
COORDINATOR_META_KEYS = (MEETING_MARKER_KEY,)
#: Tables whose rows are history: never truncated.
HISTORY_TABLES = ("alert_event", "alert", "revision")
#: What an admin may do per table (what imports, runs, rules, merges and index definitions
#: write; tables not listed, e.g. from a later migration, get INSERT and UPDATE). Nothing
#: is ever deleted; the audit trails (revisions, rejected rows, events) are only appended to;
#: an observation's value changes only with its revision (pg_guards.OBSERVATION_GUARD).
ADMIN_PRIVILEGES: dict[str, tuple[str, ...]] = {
    "alert_event": (),  # INSERT through the analyst role, with the event guard
    "revision": ("INSERT",),
    "rejected_row": ("INSERT",),
    "import": ("INSERT", "UPDATE (values_new, values_revised)"),
    "observation": ("INSERT", "UPDATE (freq, value, import_id)"),
    "run": ("INSERT", "UPDATE (finished_at, counts)"),
    "region_alias": ("INSERT",),  # names files used for a place (identity), only added
    "project_event": ("INSERT",),  # the curation history (rename, merge, delete), append-only
}
