"""The few places where the store's statements differ by the backend that holds the project.

A project is a SQLite file (the default: one file that travels by USB stick) or, for a
team's shared project on an office server, a PostgreSQL database named by a URL. The store
(and :mod:`alerts.records`) write each statement once, with ``?`` placeholders, and use
these helpers exactly where the two databases differ, so the statement says what it means on
both (there is no translator in between):

- :func:`differs` - a null-safe "is different from" (SQLite ``IS NOT``, PostgreSQL
  ``IS DISTINCT FROM``);
- :func:`insert_id` - insert one row and get its new id (SQLite's ``lastrowid``,
  PostgreSQL's ``RETURNING id``);
- :func:`read_frame` - a query into a DataFrame (pandas only speaks to sqlite3 or SQLAlchemy
  without a warning);
- :func:`for_update` - lock a row read to decide a write;
- :func:`pyformat` - the placeholder spelling psycopg takes (``%s``), done by the server
  connection for every statement.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import pandas as pd

from workbench.locations import is_server_url

__all__ = ["differs", "for_update", "insert_id", "is_server_connection", "is_server_url",
           "pyformat", "read_frame"]


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


def differs(conn: Any) -> str:
    """The null-safe "is different from" operator (NULL differs from a value, not from NULL):
    ``a {differs(conn)} b``."""
    return "IS DISTINCT FROM" if is_server_connection(conn) else "IS NOT"


def insert_id(conn: Any, sql: str, params: Sequence[Any]) -> int:
    """Run a one-row ``INSERT … VALUES`` into a table with an ``id`` key; the new row's id."""
    if is_server_connection(conn):
        return int(conn.execute(sql + " RETURNING id", params).fetchone()[0])
    return int(conn.execute(sql, params).lastrowid)


#: String literals, quoted identifiers and comments: the parts of a statement where a ``?`` is
#: not a placeholder.
_LITERAL = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|--[^\n]*")


@lru_cache(maxsize=2048)
def pyformat(sql: str) -> str:
    """``sql`` with psycopg's placeholders: each ``?`` outside literals becomes ``%s`` and every
    ``%`` becomes ``%%`` (psycopg reads ``%`` everywhere, literals included); comments are
    dropped (they may hold a ``?``, a ``%`` or an apostrophe that is not SQL). Only the
    spelling of parameters changes, never what the statement means."""
    out, pos = [], 0
    for m in _LITERAL.finditer(sql):
        out.append(sql[pos:m.start()].replace("%", "%%").replace("?", "%s"))
        if not m.group(0).startswith("--"):
            out.append(m.group(0).replace("%", "%%"))
        pos = m.end()
    out.append(sql[pos:].replace("%", "%%").replace("?", "%s"))
    return "".join(out)


def for_update(conn: Any) -> str:
    """``" FOR UPDATE"`` on PostgreSQL: lock a row read to decide a write (SQLite's
    ``BEGIN IMMEDIATE`` already lets one writer in at a time)."""
    return " FOR UPDATE" if is_server_connection(conn) else ""


