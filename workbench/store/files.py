"""Telling, without opening it as a project, whether a SQLite file holds a workbench project.

A leaf module (only :mod:`sqlite3`): :mod:`workbench.outputs` asks it before refusing to write
over a file, and the store itself imports ``outputs``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


def holds_project_tables(path: Path) -> bool:
    """A SQLite file holding the workbench's tables (a project or one of its backups); opened
    read-only for half a second at most, never changed."""
    try:
        conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True, timeout=0.5)
        try:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return {"meta", "observation"} <= names


__all__ = ["holds_project_tables"]
