"""The import records: which file (by content hash) came in when, with the column mapping it
was read with, the counts it wrote, and the rows it left out and why; and the column
mappings a person saved for a sheet, offered again for the next file of that shape.

``Project.record_import`` and ``Project.imports()`` write and list the records; these
functions take the import's own connection (inside its transaction for the writes), or the
open project for the saved mappings (kept in ``meta``, one JSON object by sheet name).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from workbench.store.dialect import read_frame


def imports_of_file(conn: Any, sha256: str) -> list[tuple[int, str, str]]:
    """``(import id, imported at, mapping JSON)`` of every import of the file with this
    content hash, newest first: a file imported again with the same mapping is skipped."""
    return conn.execute(
        "SELECT id, imported_at, mapping FROM import WHERE sha256 = ? ORDER BY id DESC", (sha256,)
    ).fetchall()


def record_rejected_rows(conn: Any, import_id: int, sheet: str,
                         rows: Iterable[tuple[int, str, str]]) -> None:
    """The rows an import left out: ``(row number, reason, raw cells JSON)``."""
    conn.executemany(
        "INSERT INTO rejected_row(import_id, sheet, row_number, reason, raw) VALUES (?,?,?,?,?)",
        [(import_id, sheet, row, reason, raw) for row, reason, raw in rows],
    )


def set_import_counts(conn: Any, import_id: int, values_new: int, values_revised: int) -> None:
    conn.execute("UPDATE import SET values_new = ?, values_revised = ? WHERE id = ?",
                 (values_new, values_revised, import_id))


def rejected_rows(conn: Any, import_id: int, limit: int) -> pd.DataFrame:
    """Up to ``limit`` rows one import left out (sheet, row_number, reason, raw), in sheet order."""
    return read_frame(
        "SELECT sheet, row_number, reason, raw FROM rejected_row WHERE import_id = ?"
        " ORDER BY sheet, row_number LIMIT ?",
        conn, params=(import_id, limit),
    )


#: Where the saved mappings are kept in ``meta``.
SAVED_MAPPINGS_KEY = "saved_import_mappings"


def saved_mappings(project: Any) -> dict[str, dict[str, Any]]:
    """The mappings saved for sheets, by casefolded sheet name."""
    return json.loads(project.meta(SAVED_MAPPINGS_KEY) or "{}")


def save_mappings(project: Any, by_sheet: Mapping[str, Mapping[str, Any]]) -> None:
    """Save (or replace) the mappings of some sheets, keyed by sheet name (casefolded here);
    read and written in one transaction, so two saves at once both count."""
    with project.transaction():
        stored = saved_mappings(project)
        stored.update({sheet.casefold(): dict(data) for sheet, data in by_sheet.items()})
        project.set_meta(SAVED_MAPPINGS_KEY, json.dumps(stored, sort_keys=True))


def forget_mappings(project: Any, sheets: Iterable[str]) -> int:
    """Remove the saved mappings of these sheets; how many there were."""
    wanted = {s.casefold() for s in sheets}
    with project.transaction():
        stored = saved_mappings(project)
        gone = [k for k in list(stored) if k in wanted]
        for k in gone:
            del stored[k]
        project.set_meta(SAVED_MAPPINGS_KEY, json.dumps(stored, sort_keys=True))
    return len(gone)


__all__ = ["SAVED_MAPPINGS_KEY", "forget_mappings", "imports_of_file", "record_rejected_rows", "rejected_rows",
           "save_mappings", "saved_mappings", "set_import_counts"]
