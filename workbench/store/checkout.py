"""Check out a team server project into a one-file offline copy for a laptop.

The copy is an ordinary ``*.wbproj`` with every table of the server project as of one
consistent moment (a ``REPEATABLE READ`` snapshot, so analysts can keep working while it is
taken) and the same ``project_id``, which is what makes ``workbench merge copy.wbproj
--project postgresql://…`` accept it later. It does not take the server's ``office_id``: the
laptop's events get an origin of their own. Rows are streamed through a server-side cursor
in batches, so a large project never sits in memory whole; the copy is written under a
temporary name and renamed into place when complete.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from workbench.errors import ProjectError, WorkbenchError
from workbench.store.schema import MIGRATIONS, table_order

BATCH = 5_000
#: Meta keys that describe one copy, not the project: never carried over.
LOCAL_META = ("office_id", "schema_version")


@dataclass
class CheckoutResult:
    path: Path
    project_id: str
    rows: dict[str, int] = field(default_factory=dict)


def checkout(url: str, out: str | Path) -> CheckoutResult:
    """Copy the server project at ``url`` into the new file ``out``."""
    from workbench.store import open_project
    from workbench.store.pg import PgProject

    out = Path(out)
    if out.exists():
        raise WorkbenchError(f"{out} already exists; choose a new file name for the offline copy")
    if not out.parent.is_dir():
        raise ProjectError(f"folder {out.parent} does not exist")
    tmp = out.with_name(f".{out.name}.checkout-tmp")
    for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
        leftover.unlink(missing_ok=True)
    src = open_project(url, readonly=True)
    if not isinstance(src, PgProject):
        src.close()
        raise WorkbenchError("checkout copies a team server project (postgresql://…); copy a .wbproj file directly")
    rows: dict[str, int] = {}
    try:
        with src, src.snapshot(), open_project(tmp, create=True) as dest, dest.transaction() as d:
            d.execute("PRAGMA defer_foreign_keys = ON")
            d.execute("DELETE FROM meta")
            for table in table_order(MIGRATIONS):
                rows[table] = _copy_table(src, d, table)
            d.execute(f"DELETE FROM meta WHERE key IN ({', '.join('?' * len(LOCAL_META))})", LOCAL_META)
            d.execute("INSERT INTO meta(key, value) VALUES ('checked_out_from', ?)", (src.location,))
            project_id = d.execute("SELECT value FROM meta WHERE key = 'project_id'").fetchone()[0]
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return CheckoutResult(out, project_id, rows)


def _copy_table(src: object, dest: object, table: str) -> int:
    raw = src.conn.raw  # type: ignore[attr-defined]
    n = 0
    with raw.cursor(name=f"checkout_{table}") as cur:
        cur.itersize = BATCH
        cur.execute(f"SELECT * FROM {table}")
        columns = [c.name for c in cur.description]
        insert = f"INSERT INTO {table}({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        while batch := cur.fetchmany(BATCH):
            dest.executemany(insert, batch)  # type: ignore[attr-defined]
            n += len(batch)
    return n
