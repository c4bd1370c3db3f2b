"""The project file's schema and its migrations.

Each migration is a list of SQL statements that takes the file from version ``n - 1`` to
``n``; they run in one transaction when an older project is opened for writing. Never
edit a released migration: add a new one, and keep a fixture of the old file in
``tests/fixtures/projects/`` that must still open.
"""

from __future__ import annotations

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

# Later capabilities append their own named list here, in the order they landed.
MIGRATIONS: list[list[str]] = [
    FOUNDATION,
]

SCHEMA_VERSION = len(MIGRATIONS)
