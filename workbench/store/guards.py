"""The triggers that keep a project file's history append-only, and checking they are there.

The alert history (``alert_event``) and the audit trail of revised values (``revision``) are
never changed or deleted. Since schema 2 two triggers refuse ``UPDATE`` and ``DELETE`` on
``alert_event``. That left two holes, both closed here for project files:

* ``INSERT OR REPLACE`` (and ``REPLACE``): SQLite resolves the conflict by deleting the old
  row, and a ``DELETE`` trigger does not fire for that unless ``recursive_triggers`` is on
  in the connection doing it. ``alert_event_no_replace`` refuses, *before* the insert, any
  row whose id or uid is already there, whatever the connection's settings.
* A trigger dropped by another program went unnoticed. :func:`check_guards` compares the
  file's triggers with the expected ones every time a project is opened for writing: a
  missing, changed or unexpected trigger on a history table stops the write with one line
  (:class:`HistoryUnprotectedError`), and ``workbench check --project P --repair`` puts the
  triggers back.

The guards are SQLite DDL and are installed by the file store only (a server project keeps
its history with its own grants and triggers). Projects of earlier versions get them the
first time they are opened for writing; the meta key ``history_guards`` then records that
they were installed, so their later absence means tampering.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from workbench.errors import ProjectError
from workbench.store.schema import MIGRATIONS

GUARDS_VERSION = "1"
META_KEY = "history_guards"
HISTORY_TABLES = ("alert_event", "revision")

GUARDS: dict[str, str] = {
    "alert_event_no_replace": (
        "CREATE TRIGGER alert_event_no_replace BEFORE INSERT ON alert_event "
        "WHEN EXISTS (SELECT 1 FROM alert_event WHERE id = NEW.id OR event_uid = NEW.event_uid) "
        "BEGIN SELECT RAISE(ABORT, 'alert history is append-only: an event cannot be replaced'); END"
    ),
    "revision_no_update": (
        "CREATE TRIGGER revision_no_update BEFORE UPDATE ON revision "
        "BEGIN SELECT RAISE(ABORT, 'the revision history is append-only: revisions cannot be changed'); END"
    ),
    "revision_no_delete": (
        "CREATE TRIGGER revision_no_delete BEFORE DELETE ON revision "
        "BEGIN SELECT RAISE(ABORT, 'the revision history is append-only: revisions cannot be deleted'); END"
    ),
}


class HistoryUnprotectedError(ProjectError):
    """A history trigger was removed or changed outside the workbench: writes are refused."""


def _norm(sql: str | None) -> str:
    return " ".join((sql or "").split()).casefold()


def migration_triggers(schema_version: int) -> dict[str, str]:
    """The triggers the schema's migrations up to ``schema_version`` create."""
    out = {}
    for statements in MIGRATIONS[:schema_version]:
        for s in statements:
            m = re.match(r"\s*CREATE\s+TRIGGER\s+(\w+)", s, re.IGNORECASE)
            if m:
                out[m.group(1)] = s
    return out


def expected_triggers(schema_version: int) -> dict[str, str]:
    """Every trigger a project file of ``schema_version`` must hold once its guards are installed."""
    out = migration_triggers(schema_version)
    if schema_version >= 2:  # the history tables exist
        out.update(GUARDS)
    return out


def trigger_problems(conn: Any, schema_version: int, *, guards_installed: bool) -> list[str]:
    """What is wrong with the file's triggers, one phrase each (empty: all as expected).

    Guards not yet installed (a project of an earlier version) are not a problem; a missing
    migration trigger, a changed trigger, or a trigger nobody expects on a history table is.
    """
    present = {name: (table, sql) for name, table, sql in
               conn.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")}
    expected = expected_triggers(schema_version)
    problems = []
    for name, sql in expected.items():
        if name not in present:
            if name in GUARDS and not guards_installed:
                continue
            problems.append(f"trigger {name} is missing")
        elif _norm(present[name][1]) != _norm(sql):
            problems.append(f"trigger {name} was changed")
    for name, (table, _sql) in present.items():
        if name not in expected and table in HISTORY_TABLES:
            problems.append(f"an unknown trigger {name} acts on {table}")
    return problems


def install_guards(conn: sqlite3.Connection, schema_version: int) -> list[str]:
    """Create missing or changed expected triggers (inside the caller's transaction); returns
    what was put back."""
    present = {name: sql for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")}
    done = []
    for name, sql in expected_triggers(schema_version).items():
        if name in present and _norm(present[name]) == _norm(sql):
            continue
        if name in present:
            conn.execute(f'DROP TRIGGER "{name}"')
        conn.execute(sql)
        done.append(name)
    for name, table in conn.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        if name not in expected_triggers(schema_version) and table in HISTORY_TABLES:
            conn.execute(f'DROP TRIGGER "{name}"')
            done.append(f"{name} (removed)")
    if schema_version >= 2:
        conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                     (META_KEY, GUARDS_VERSION))
    return done


def guards_installed(conn: Any) -> bool:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (META_KEY,)).fetchone()
    return row is not None


__all__ = ["GUARDS", "HistoryUnprotectedError", "expected_triggers", "guards_installed", "install_guards",
           "migration_triggers", "trigger_problems"]
