"""SQL lives in two places: the store (``workbench/store/``) and the alert records
(``alerts/records.py``). Everything else asks them by name, so a query is written once and
the desktop, the command line and a team server read the same thing.

The check reads the code's syntax tree, not its text: a docstring that mentions ``execute(``
is not a query, and a call split over lines is still one.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("workbench", "alerts", "ui")
ALLOWED = ("workbench/store/", "alerts/records.py")
#: Methods and functions that run SQL or open a database connection.
SQL_CALLS = {"execute", "executemany", "executescript", "read_sql", "read_sql_query", "read_sql_table",
             "read_frame", "query_frame"}
CONNECTS = {("sqlite3", "connect"), ("psycopg", "connect")}


def sql_calls(source: str) -> list[tuple[int, str]]:
    """``(line, what)`` of every call in ``source`` that runs SQL or opens a connection itself."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
        if name in SQL_CALLS:
            found.append((node.lineno, name))
        elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and \
                (func.value.id, func.attr) in CONNECTS:
            found.append((node.lineno, f"{func.value.id}.{func.attr}"))
    return found


def _outside_the_store() -> list[Path]:
    files = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if not rel.startswith(ALLOWED):
                files.append(path)
    return files


def test_no_sql_outside_the_store_and_the_alert_records():
    offenders = [f"{path.relative_to(ROOT).as_posix()}:{line}: {what}("
                 for path in _outside_the_store()
                 for line, what in sql_calls(path.read_text(encoding="utf-8"))]
    assert not offenders, ("SQL outside workbench/store/ and alerts/records.py - add a named function "
                           "there and call it:\n" + "\n".join(offenders))


def test_the_check_sees_every_kind_of_call_it_forbids():
    source = '''
"""A docstring that says conn.execute("SELECT 1") is no query."""
import sqlite3
import pandas as pd

def f(conn, project):
    conn.execute("SELECT 1")
    conn.executemany(
        "INSERT INTO t VALUES (?)", [])
    conn.executescript("")
    pd.read_sql_query("SELECT 1", conn)
    read_frame("SELECT 1", conn)
    project.query_frame("SELECT 1")
    sqlite3.connect(":memory:")
    # conn.execute("in a comment")
'''
    assert [what for _, what in sql_calls(source)] == [
        "execute", "executemany", "executescript", "read_sql_query", "read_frame", "query_frame", "sqlite3.connect"]


def test_the_check_covers_the_three_packages_and_spares_only_the_two_places():
    checked = {p.relative_to(ROOT).as_posix() for p in _outside_the_store()}
    assert "ui/snapshot.py" in checked and "alerts/engine.py" in checked and "workbench/importer/engine.py" in checked
    assert "alerts/records.py" not in checked
    assert not any(p.startswith("workbench/store/") for p in checked)
