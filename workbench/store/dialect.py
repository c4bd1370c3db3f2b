"""The few places where the store's callers must know which backend holds the project.

A project is a SQLite file (the default: one file that travels by USB stick) or, for a
team's shared project on an office server, a PostgreSQL database named by a URL. Code in
``workbench/`` and ``alerts/`` uses a connection's ``execute`` the same way for both; these
helpers cover what cannot be written once: reading a query into a DataFrame (pandas only
speaks to sqlite3 or SQLAlchemy without a warning), locking a row before a decision that
depends on it, and telling a URL from a file name.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from workbench.locations import is_server_url

__all__ = ["for_update", "is_server_connection", "is_server_url", "project_exists", "read_frame"]


def is_server_connection(conn: Any) -> bool:
    return getattr(conn, "dialect", "sqlite") == "postgresql"


def read_frame(sql: str, conn: Any, params: Sequence[Any] | None = None) -> pd.DataFrame:
    """A query's rows as a DataFrame, for a sqlite3 connection and the PostgreSQL adapter alike.

    Called like :func:`pandas.read_sql_query` (so switching a call is a rename).
    SQLite goes through :func:`pandas.read_sql_query` exactly as before; the adapter's cursor
    is read with ``DataFrame.from_records`` (what pandas does inside for a DBAPI cursor).
    """
    if not is_server_connection(conn):
        return pd.read_sql_query(sql, conn, params=list(params) if params is not None else None)
    cur = conn.execute(sql, list(params or ()))
    columns = [d[0] for d in cur.description]
    return pd.DataFrame.from_records(cur.fetchall(), columns=columns, coerce_float=True)


def for_update(conn: Any) -> str:
    """``" FOR UPDATE"`` on PostgreSQL: lock a row read to decide a write (SQLite's
    ``BEGIN IMMEDIATE`` already lets one writer in at a time)."""
    return " FOR UPDATE" if is_server_connection(conn) else ""


def project_exists(target: str | Path) -> bool:
    """Whether a project is already there (a file, or a database holding the schema)."""
    if is_server_url(target):
        from workbench.store.pg import server_project_exists

        return server_project_exists(str(target))
    return Path(target).exists()

