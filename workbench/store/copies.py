"""Whole tables copied out of a project, and the alert tables rebuilt in memory from copies.

A regional pool (:mod:`workbench.pool`) keeps each pooled project's small tables as Parquet
(:func:`table_copy` reads them) and answers the alert listings over all of them from an
in-memory database with the project schema (:func:`alert_tables_in_memory`), so the same
alert queries (:mod:`alerts.records`) run on a pool as on one project.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any

import pandas as pd

from workbench.store.dialect import read_frame

#: The tables a pool copies from each project, by their pooled name.
COPIED_TABLES: dict[str, str] = {
    "regions": "SELECT id, key, name, code, parent_id, level FROM region ORDER BY id",
    "indicators": "SELECT id, key, name, domain, unit, direction, threshold, description FROM indicator ORDER BY id",
    "imports": "SELECT id, file_name, sha256, sheet, rows_read, rows_kept, rows_rejected, rows_duplicate,"
               " values_new, values_revised, imported_at FROM import ORDER BY id",
    "runs": "SELECT * FROM run ORDER BY id",
    "alerts": "SELECT * FROM alert ORDER BY id",
    "alert_events": "SELECT * FROM alert_event ORDER BY id",
}


def table_copy(conn: Any, name: str) -> pd.DataFrame:
    """One of :data:`COPIED_TABLES`, whole, as the project holds it."""
    return read_frame(COPIED_TABLES[name], conn)


def alert_tables_in_memory(frames: Mapping[str, pd.DataFrame], *, origin_column: str = "project") -> sqlite3.Connection:
    """An in-memory database with the project schema holding ``frames`` (``run``, ``alert``,
    ``alert_event`` -> rows); ``alert`` gets one more text column, ``origin_column``, for the
    project each alert came from."""
    from workbench.store.schema import MIGRATIONS, run_sqlite

    conn = sqlite3.connect(":memory:", check_same_thread=False)
    for statements in MIGRATIONS:
        for sql in statements:
            run_sqlite(conn, sql)
    conn.execute(f"ALTER TABLE alert ADD COLUMN {origin_column} TEXT")
    for table, df in frames.items():
        if len(df):
            _insert(conn, table, df)
    conn.commit()
    return conn


def _insert(conn: sqlite3.Connection, table: str, df: pd.DataFrame) -> None:
    cols = list(df.columns)
    rows: list[tuple[Any, ...]] = [
        tuple(None if pd.isna(v) else (v.item() if hasattr(v, "item") else v) for v in rec)
        for rec in df.astype(object).itertuples(index=False, name=None)
    ]
    quoted = ", ".join(f'"{c}"' for c in cols)
    conn.executemany(f"INSERT INTO {table}({quoted}) VALUES ({', '.join('?' * len(cols))})", rows)


__all__ = ["COPIED_TABLES", "alert_tables_in_memory", "table_copy"]
