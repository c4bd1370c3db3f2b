"""Doctored copies of a project for the merge tests and ``benchmarks/fault_suite.py``.

A copy that comes back from another office may have been edited with any SQLite tool. The
helpers here build two offices' copies of a small project (office B acknowledges, notes,
verifies and dismisses) and then change one column of one row of B's copy to a hostile
value, the way a forger or a broken tool would: the history's triggers are dropped and
SQLite's CHECK constraints ignored first, so any value SQLite can store gets stored.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from alerts_factory import noise_series, with_step, write_series

from alerts import lifecycle
from alerts.engine import run_models
from workbench.store import open_project

#: Values a doctored column may hold: huge and negative numbers, NaN-like text, times of
#: 1970 and 9999, unparseable times, wrong types (blobs, floats in text columns), empty and
#: huge text, terminal escapes, JSON that is not an object, names reserved for the system.
HOSTILE_VALUES: list[object] = [
    2**62, -(2**63), 1e308, -1.5, "NaN", "Infinity",
    "1970-01-01T00:00:00.000000+00:00", "9999-12-31T23:59:59.999999+00:00", "yesterday",
    b"\x00\xff\xfe", "", "x" * 200_000, "\x1b[2J\x1b]0;pwned\x07", "system", "[]", '{"reason": 5}',
    '{"likelihood": 1e999}', None,
]

ALERT_COLUMNS = ("uid", "rule", "region", "indicator", "grp", "kind", "freq", "method", "first_period",
                 "last_period", "peak_period", "severity", "score", "status", "explanation", "situation_id",
                 "previous_alert_id", "snoozed_until", "likelihood", "consequence", "risk_level", "outcome",
                 "dismiss_reason", "opened_run", "updated_run", "details")
EVENT_COLUMNS = ("event_uid", "alert_id", "at", "actor", "from_status", "to_status", "note", "kind", "origin",
                 "details", "run_id")


def series(n: int = 44) -> dict:
    return {("Kibali", "perceived_discrimination"): with_step(noise_series(48, 1), 36, 8)[:n],
            ("Arua", "perceived_discrimination"): with_step(noise_series(48, 3), 40, 8)[:n]}


def act(path: Path, fn, *args, **kw) -> None:
    with open_project(path) as p, p.transaction() as conn:
        fn(conn, *args, **kw)


def build_offices(folder: Path) -> tuple[Path, Path]:
    """Office A's project and office B's copy, in which B worked on both alerts."""
    a, b = folder / "a.wbproj", folder / "b.wbproj"
    write_series(a, series())
    assert run_models(a).created == 2
    shutil.copyfile(a, b)
    act(b, lifecycle.set_status, 1, "acknowledged", actor="bob", note="seen")
    act(b, lifecycle.add_note, 1, "called the district office", actor="bob")
    act(b, lifecycle.set_status, 1, "verified", actor="bob", likelihood=3, consequence=4, outcome="respond")
    act(b, lifecycle.set_status, 2, "dismissed", actor="bob", reason="known_cause")
    return a, b


def unprotect(conn: sqlite3.Connection) -> None:
    """What a forger does first: no history triggers, no CHECK constraints."""
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        conn.execute(f'DROP TRIGGER "{name}"')
    conn.execute("PRAGMA ignore_check_constraints = ON")


def doctor(path: Path, table: str, column: str, value: object, *, row: str = "last") -> bool:
    """Set ``column`` of one row of ``table`` (the newest, or the first) to ``value``;
    False when SQLite itself refuses (a NOT NULL or UNIQUE column)."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        unprotect(conn)
        order = "DESC" if row == "last" else "ASC"
        target = conn.execute(f"SELECT id FROM {table} ORDER BY id {order} LIMIT 1").fetchone()[0]
        try:
            conn.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?", (value, target))
        except sqlite3.IntegrityError:
            return False
        return True
    finally:
        conn.close()


def forge_event(path: Path, **fields: object) -> str:
    """Append an event to B's copy directly (no lifecycle checks); returns its uid."""
    import uuid

    from alerts.history import now_us

    values = {"event_uid": uuid.uuid4().hex, "alert_id": 1, "at": now_us(), "actor": "mallory",
              "from_status": None, "to_status": None, "note": "forged", "kind": "note", "origin": "0" * 32,
              "details": "{}", "run_id": None}
    values.update(fields)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        unprotect(conn)
        conn.execute(f"INSERT INTO alert_event({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
                     tuple(values.values()))
    finally:
        conn.close()
    return str(values["event_uid"])


def every_alert_is_writable(path: Path) -> list[str]:
    """Problems found using every alert of ``path`` the way the CLI would (empty: none).

    Lists, history, a note and a transition attempt on each alert, then rolled back, so the
    check itself changes nothing. Anything but success or a WorkbenchError is a problem.
    """
    from alerts.history import history_frame, refresh_alert_state
    from alerts.listing import alerts_frame, format_frame
    from workbench.errors import WorkbenchError

    problems = []
    with open_project(path) as project:
        conn = project.conn
        try:
            for fmt in ("table", "csv", "json"):
                format_frame(alerts_frame(conn), fmt, ["id", "status", "region", "explanation"])
                format_frame(history_frame(conn), fmt, ["at", "actor", "note"])
        except Exception as err:  # noqa: BLE001 - any failure is the finding
            problems.append(f"listing fails: {type(err).__name__}: {err}"[:200])
        ids = [r[0] for r in conn.execute("SELECT id FROM alert")]
        for alert_id in ids:
            conn.execute("BEGIN IMMEDIATE")
            try:
                lifecycle.add_note(conn, alert_id, "still writable?", actor="tester")
                try:
                    lifecycle.set_status(conn, alert_id, "acknowledged", actor="tester")
                except WorkbenchError:
                    pass
                refresh_alert_state(conn, alert_id)
            except Exception as err:  # noqa: BLE001
                problems.append(f"alert {alert_id}: {type(err).__name__}: {err}"[:200])
            finally:
                conn.execute("ROLLBACK")
    return problems
