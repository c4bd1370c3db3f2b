"""The writes the alert screens make, as plain functions the task runner executes.

Each opens the project, changes one alert inside one transaction through
``alerts.lifecycle`` (which enforces the legal transitions and records the event), and
closes it again, so the GUI holds no write lock between clicks.
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path

from alerts.lifecycle import Change, add_note, set_status
from workbench.progress import CancelToken, ProgressCallback, no_progress
from workbench.store import open_project


def default_actor() -> str:
    """Who the history says acted: the login name unless the settings name someone."""
    try:
        return os.environ.get("WORKBENCH_ACTOR") or getpass.getuser()
    except (OSError, KeyError):
        return "analyst"


def change_status(
    project_path: Path,
    alert_ids: list[int],
    to_status: str,
    *,
    actor: str,
    note: str | None = None,
    reason: str | None = None,
    likelihood: int | None = None,
    consequence: int | None = None,
    outcome: str | None = None,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
) -> list[Change]:
    """Apply one decision to every alert of a situation at once, or to none of them."""
    with open_project(project_path) as project, project.transaction() as conn:
        changes = [
            set_status(conn, alert_id, to_status, actor=actor, note=note or None, reason=reason,
                       likelihood=likelihood, consequence=consequence, outcome=outcome)
            for alert_id in alert_ids
        ]
    progress(1.0, "saved")
    return changes


def note_alerts(
    project_path: Path,
    alert_ids: list[int],
    note: str,
    *,
    actor: str,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
) -> int:
    with open_project(project_path) as project, project.transaction() as conn:
        for alert_id in alert_ids:
            add_note(conn, alert_id, note, actor=actor)
    progress(1.0, "saved")
    return len(alert_ids)
