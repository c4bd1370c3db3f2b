"""The project file's schema and its migrations.

Each migration is a list of SQL statements that takes the file from version ``n - 1`` to
``n``; they run in one transaction when an older project is opened for writing. Never
edit a released migration: add a new one, and keep a fixture of the old file in
``tests/fixtures/projects/`` that must still open.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any


class DropCheck(str):
    """A migration step that drops the ``CHECK (column IN (...))`` of one column, which each
    backend does its own way: SQLite rewrites the table's stored definition (the documented
    ``writable_schema`` procedure for removing a CHECK, no table rebuild; :func:`run_sqlite`),
    PostgreSQL drops the named constraint (:attr:`postgresql`). As text it is a no-op query,
    so a tool that only replays statements loses nothing but the dropped check."""

    table: str
    column: str

    def __new__(cls, table: str, column: str) -> DropCheck:
        obj = super().__new__(cls, f"SELECT 'drop the check of {table}.{column}'")
        obj.table, obj.column = table, column
        return obj

    @property
    def postgresql(self) -> str:
        return f"ALTER TABLE {self.table} DROP CONSTRAINT IF EXISTS {self.table}_{self.column}_check"


def run_sqlite(conn: sqlite3.Connection | Any, statement: str) -> None:
    """Run one migration statement on a SQLite connection (inside the caller's transaction)."""
    if not isinstance(statement, DropCheck):
        conn.execute(statement)
        return
    row = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (statement.table,)).fetchone()
    if row is None:
        return
    check = re.compile(rf"\s*CHECK\s*\(\s*{statement.column}\s+IN\s*\([^)]*\)\s*\)", re.IGNORECASE)
    relaxed = check.sub("", row[0])
    if relaxed == row[0]:
        return
    version = int(conn.execute("PRAGMA schema_version").fetchone()[0])
    conn.execute("PRAGMA writable_schema = ON")
    try:
        conn.execute("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?", (relaxed, statement.table))
        conn.execute(f"PRAGMA schema_version = {version + 1}")  # every connection re-reads the schema
    finally:
        conn.execute("PRAGMA writable_schema = OFF")


# 1: foundation - regions, codebook, observations, imports and their rejected rows.
FOUNDATION: list[str] = [
    """CREATE TABLE meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )""",
    """CREATE TABLE region (
            id        INTEGER PRIMARY KEY,
            key       TEXT NOT NULL,             -- casefolded name, how imports find it
            name      TEXT NOT NULL,
            code      TEXT,
            parent_id INTEGER REFERENCES region(id),
            level     TEXT NOT NULL DEFAULT 'district'
                      CHECK (level IN ('country', 'province', 'district', 'other')),
            UNIQUE (key, level)
        )""",
    """CREATE TABLE indicator (
            id        INTEGER PRIMARY KEY,
            key       TEXT NOT NULL UNIQUE,      -- casefolded identifier used in files
            name      TEXT NOT NULL,
            domain    TEXT,
            unit      TEXT,
            direction TEXT NOT NULL DEFAULT 'higher_is_worse'
                      CHECK (direction IN ('higher_is_worse', 'higher_is_better')),
            threshold REAL,                      -- fixed alert threshold from the codebook
            description TEXT
        )""",
    """CREATE TABLE import (
            id            INTEGER PRIMARY KEY,
            file_name     TEXT NOT NULL,
            sha256        TEXT NOT NULL,
            sheet         TEXT,
            mapping       TEXT NOT NULL,         -- JSON of the mapping used
            rows_read     INTEGER NOT NULL,
            rows_kept     INTEGER NOT NULL,
            rows_rejected INTEGER NOT NULL,
            rows_duplicate INTEGER NOT NULL DEFAULT 0,
            values_new    INTEGER NOT NULL DEFAULT 0,
            values_revised INTEGER NOT NULL DEFAULT 0,
            report        TEXT NOT NULL,         -- JSON validation report
            imported_at   TEXT NOT NULL
        )""",
    "CREATE INDEX import_sha ON import(sha256)",
    """CREATE TABLE rejected_row (
            import_id  INTEGER NOT NULL REFERENCES import(id),
            sheet      TEXT,
            row_number INTEGER,                  -- 1-based, as the spreadsheet shows it
            reason     TEXT NOT NULL,
            raw        TEXT                      -- JSON list of the row's cells
        )""",
    "CREATE INDEX rejected_row_import ON rejected_row(import_id)",
    """CREATE TABLE observation (
            region_id    INTEGER NOT NULL REFERENCES region(id),
            indicator_id INTEGER NOT NULL REFERENCES indicator(id),
            period       TEXT NOT NULL,          -- ISO date of the period's first day
            grp          TEXT NOT NULL DEFAULT '',  -- '' = whole population
            freq         TEXT NOT NULL CHECK (freq IN ('D', 'W', 'M', 'Q', 'Y')),
            value        REAL,                   -- NULL = reported as missing
            import_id    INTEGER NOT NULL REFERENCES import(id),
            PRIMARY KEY (region_id, indicator_id, period, grp)
        ) WITHOUT ROWID""",
    """CREATE TABLE revision (
            region_id    INTEGER NOT NULL,
            indicator_id INTEGER NOT NULL,
            period       TEXT NOT NULL,
            grp          TEXT NOT NULL,
            old_value    REAL,
            new_value    REAL,
            old_import_id INTEGER NOT NULL,
            new_import_id INTEGER NOT NULL REFERENCES import(id)
        )""",
    "CREATE INDEX revision_import ON revision(new_import_id)",
]

# 2: alerts - model runs, rules, alerts and their append-only event history.
ALERTS_V1: list[str] = [
    """CREATE TABLE run (
            id               INTEGER PRIMARY KEY,
            started_at       TEXT NOT NULL,
            finished_at      TEXT,
            data_fingerprint TEXT NOT NULL,
            ruleset_hash     TEXT NOT NULL,
            code_version     TEXT NOT NULL,
            counts           TEXT NOT NULL DEFAULT '{}'   -- JSON: created, updated, withdrawn ...
        )""",
    """CREATE TABLE rule (
            id         INTEGER PRIMARY KEY,
            name       TEXT NOT NULL UNIQUE,
            definition TEXT NOT NULL,                     -- JSON of the rule's fields
            enabled    INTEGER NOT NULL DEFAULT 1,
            updated_at TEXT NOT NULL
        )""",
    """CREATE TABLE alert (
            id                INTEGER PRIMARY KEY,
            uid               TEXT NOT NULL UNIQUE,       -- uuid4, how merge finds the same alert
            rule              TEXT NOT NULL,
            region            TEXT NOT NULL,
            indicator         TEXT NOT NULL,
            grp               TEXT NOT NULL DEFAULT '',
            kind              TEXT NOT NULL DEFAULT 'observed',
            freq              TEXT NOT NULL DEFAULT 'M',
            method            TEXT NOT NULL,
            first_period      TEXT NOT NULL,
            last_period       TEXT NOT NULL,
            peak_period       TEXT NOT NULL,
            severity          TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
            score             REAL,
            status            TEXT NOT NULL CHECK (status IN ('new', 'acknowledged', 'verified',
                                  'escalated', 'closed', 'dismissed', 'withdrawn')),
            explanation       TEXT NOT NULL,
            situation_id      INTEGER,
            previous_alert_id INTEGER REFERENCES alert(id),
            snoozed_until     TEXT,
            likelihood        INTEGER CHECK (likelihood BETWEEN 1 AND 5),
            consequence       INTEGER CHECK (consequence BETWEEN 1 AND 5),
            risk_level        TEXT,
            outcome           TEXT CHECK (outcome IN ('respond', 'monitor', 'discard')),
            dismiss_reason    TEXT,
            opened_run        INTEGER REFERENCES run(id),
            updated_run       INTEGER REFERENCES run(id),
            details           TEXT NOT NULL DEFAULT '{}'
        )""",
    "CREATE INDEX alert_series ON alert(rule, region, indicator, grp, kind)",
    "CREATE INDEX alert_status ON alert(status)",
    """CREATE TABLE alert_event (
            id          INTEGER PRIMARY KEY,
            event_uid   TEXT NOT NULL UNIQUE,             -- uuid4, how merge avoids duplicates
            alert_id    INTEGER NOT NULL REFERENCES alert(id),
            at          TEXT NOT NULL,                    -- UTC ISO time, microseconds
            actor       TEXT NOT NULL,
            from_status TEXT,
            to_status   TEXT,
            note        TEXT,
            kind        TEXT NOT NULL CHECK (kind IN ('transition', 'note', 'run')),
            origin      TEXT NOT NULL,                    -- project_id of the office that wrote it
            details     TEXT NOT NULL DEFAULT '{}',
            run_id      INTEGER REFERENCES run(id)
        )""",
    "CREATE INDEX alert_event_alert ON alert_event(alert_id, at)",
    """CREATE TRIGGER alert_event_no_update BEFORE UPDATE ON alert_event
        BEGIN SELECT RAISE(ABORT, 'alert history is append-only: events cannot be changed'); END""",
    """CREATE TRIGGER alert_event_no_delete BEFORE DELETE ON alert_event
        BEGIN SELECT RAISE(ABORT, 'alert history is append-only: events cannot be deleted'); END""",
]

# Models: composite index definitions (JSON spec of workbench.models.composite.IndexDefinition).
MODELS_V1: list[str] = [
    """CREATE TABLE index_definition (
            name       TEXT PRIMARY KEY,
            spec       TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
]

# 4: Team server: the database login that wrote each event, stamped by the server itself (its
# trigger overrides whatever the client sends; docs/deployment.md, "Roles"). Empty in a
# project file, which has no logins; a checked-out copy keeps the server's stamps.
SERVER_LOGIN_V1: list[str] = [
    "ALTER TABLE alert_event ADD COLUMN recorded_by TEXT",
]

# 5: identity - places are identified by their codes; names are labels with aliases;
# aggregates (World, income groups) are kept apart; a codebook may declare a valid range.
IDENTITY_V1: list[str] = [
    """CREATE TABLE region_alias (
            region_id INTEGER NOT NULL REFERENCES region(id),
            key       TEXT NOT NULL,             -- casefolded name a file used for the region
            UNIQUE (region_id, key)
        )""",
    "CREATE INDEX region_alias_key ON region_alias(key)",
    "CREATE INDEX region_code ON region(code)",
    "ALTER TABLE region ADD COLUMN is_aggregate INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE indicator ADD COLUMN valid_min REAL",
    "ALTER TABLE indicator ADD COLUMN valid_max REAL",
]

# 6: data curation: regions and indicators renamed, merged or deleted (workbench/store/curation.py),
# each an append-only event with actor and time, like the alerts' history.
CURATION_V1: list[str] = [
    """CREATE TABLE project_event (
            id       INTEGER PRIMARY KEY,
            at       TEXT NOT NULL,                    -- UTC ISO time
            actor    TEXT NOT NULL,
            action   TEXT NOT NULL CHECK (action IN ('rename', 'merge', 'delete')),
            kind     TEXT NOT NULL CHECK (kind IN ('region', 'indicator')),
            subject  TEXT NOT NULL,                    -- the name acted on, as it was
            target   TEXT,                             -- the new name, or the name merged into
            details  TEXT NOT NULL DEFAULT '{}'        -- JSON: ids, values moved or dropped
        )""",
    """CREATE TRIGGER project_event_no_update BEFORE UPDATE ON project_event
        BEGIN SELECT RAISE(ABORT, 'project history is append-only: events cannot be changed'); END""",
    """CREATE TRIGGER project_event_no_delete BEFORE DELETE ON project_event
        BEGIN SELECT RAISE(ABORT, 'project history is append-only: events cannot be deleted'); END""",
]

# 7: alert states as data: an alert's status is any state of workbench.vocabulary (checked by
# alerts.lifecycle and, on a team server, by the guards generated from the same table), so
# adding a state is a line there, not a rebuild of the alert table.
ALERT_STATES_V1: list[str] = [
    DropCheck("alert", "status"),
]

# Later capabilities append their own named list here, in the order they landed.
MIGRATIONS: list[list[str]] = [
    FOUNDATION,
    ALERTS_V1,
    MODELS_V1,
    SERVER_LOGIN_V1,
    IDENTITY_V1,
    CURATION_V1,
    ALERT_STATES_V1,
]

SCHEMA_VERSION = len(MIGRATIONS)


# -- the same schema on a team server ------------------------------------------------------
# The migrations above are SQLite's statements, pinned once released (tests/test_store.py).
# A server project gets the same tables from them: their DDL differs from PostgreSQL's in four
# known ways only, rewritten here for these statements (each one is exercised by the server
# tests, and a statement these rules do not know is passed on as written, so it fails loudly).
_DDL_LITERAL = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|--[^\n]*")
_DDL_TOKEN = re.compile("\x00(\\d+)\x00")
_DDL_TRIGGER = re.compile(
    r"^\s*CREATE\s+TRIGGER\s+(\w+)\s+(BEFORE|AFTER)\s+(UPDATE|DELETE|INSERT)\s+ON\s+(\w+)\s+"
    r"BEGIN\s+SELECT\s+RAISE\s*\(\s*ABORT\s*,\s*(\x00\d+\x00)\s*\)\s*;\s*END\s*$",  # message: a kept literal
    re.IGNORECASE | re.DOTALL,
)


def postgresql_ddl(statement: str) -> tuple[str, ...]:
    """One migration statement as PostgreSQL statement(s).

    ``INTEGER PRIMARY KEY`` (SQLite's rowid alias) becomes an identity column, ``INTEGER``
    ``BIGINT``, ``REAL`` ``DOUBLE PRECISION``; ``WITHOUT ROWID`` is dropped; an append-only
    trigger (``RAISE(ABORT, …)``) becomes a PL/pgSQL function and its trigger; a
    :class:`DropCheck` drops the named constraint. String literals and quoted names are never
    touched, and comments are dropped.
    """
    if isinstance(statement, DropCheck):
        return (statement.postgresql,)
    kept: list[str] = []

    def keep(m: re.Match[str]) -> str:
        if m.group(0).startswith("--"):
            return ""
        kept.append(m.group(0))
        return f"\x00{len(kept) - 1}\x00"

    code = _DDL_LITERAL.sub(keep, statement)

    def restore(text: str) -> str:
        return _DDL_TOKEN.sub(lambda m: kept[int(m.group(1))], text)

    trig = _DDL_TRIGGER.match(code)
    if trig:
        name, when, event, table, message = trig.groups()
        fn = f"{name}_fn"
        return (
            restore(f"CREATE OR REPLACE FUNCTION {fn}() RETURNS trigger LANGUAGE plpgsql AS "
                    f"$fn$ BEGIN RAISE EXCEPTION {message}; END $fn$"),
            f"CREATE TRIGGER {name} {when} {event} ON {table} FOR EACH ROW EXECUTE FUNCTION {fn}()",
        )
    code = re.sub(r"\bINTEGER\s+PRIMARY\s+KEY\b", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
                  code, flags=re.IGNORECASE)
    code = re.sub(r"\bINTEGER\b", "BIGINT", code, flags=re.IGNORECASE)
    code = re.sub(r"\bREAL\b", "DOUBLE PRECISION", code, flags=re.IGNORECASE)
    code = re.sub(r"\)\s*WITHOUT\s+ROWID\s*$", ")", code, flags=re.IGNORECASE)
    return (restore(code),)


def table_order(migrations: list[list[str]] = MIGRATIONS) -> list[str]:
    """Every table in creation order (parents before the tables that refer to them)."""
    out = []
    for statements in migrations:
        for s in statements:
            m = re.match(r"\s*CREATE\s+TABLE\s+(\w+)", s, re.IGNORECASE)
            if m:
                out.append(m.group(1))
    return out
