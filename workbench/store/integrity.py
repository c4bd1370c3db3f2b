"""``workbench check``: everything that can be checked about a project file, on demand.

Opening a project runs ``integrity_check`` when it is small or was closed uncleanly, and
``quick_check`` otherwise (see :mod:`workbench.store.project`); this runs the full set at any
size, on a project that may be too damaged to open: SQLite's ``integrity_check`` (every
page, every index against its table), ``foreign_key_check``, the schema version, the
history's guard triggers (:mod:`workbench.store.guards`), each automatic backup's own
``integrity_check``, and what killed writers left behind. ``repair`` puts removed guard
triggers back and removes leftovers, both under the project's write lock; it never touches
data: a damaged file is restored from a backup (``workbench restore``), never patched.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from workbench.errors import ProjectBusyError
from workbench.inputs import check_input_file, shown
from workbench.store.backup import leftovers, list_backups, sweep_leftovers
from workbench.store.guards import guards_installed, install_guards, trigger_problems
from workbench.store.project import BUSY_TIMEOUT_MS, SQLITE_MAGIC, _roll_back_hot_journal
from workbench.store.schema import SCHEMA_VERSION

MAX_REPORTED = 20


@dataclass
class CheckReport:
    """Findings in order: ``(status, text)`` with status ``ok``, ``problem``, ``repaired`` or ``note``."""

    path: Path
    findings: list[tuple[str, str]] = field(default_factory=list)

    def add(self, status: str, text: str) -> None:
        self.findings.append((status, text))

    @property
    def problems(self) -> list[str]:
        return [t for s, t in self.findings if s == "problem"]

    def render(self) -> str:
        return "\n".join(f"{status:<9}{text}" for status, text in self.findings)


def _integrity(conn: sqlite3.Connection) -> list[str]:
    rows = [r[0] for r in conn.execute(f"PRAGMA integrity_check({MAX_REPORTED})").fetchall()]
    return [] if rows == ["ok"] else [" ".join(r.split()) for r in rows]


def check_project(path: str | Path, *, repair: bool = False) -> CheckReport:
    """Check the project file at ``path`` (never changing its data); see the module docstring."""
    path = check_input_file(path, "project")  # a pipe or a device is refused, never opened
    report = CheckReport(path)
    with open(path, "rb") as fh:
        head = fh.read(16)
    if head != SQLITE_MAGIC:
        report.add("problem", f"{path.name} does not start with a SQLite header (damaged, or not a project)")
        _check_backups(report, list_backups(path))
        return report
    journal = path.with_name(path.name + "-journal")
    if journal.exists() and journal.stat().st_size > 0:
        report.add("note", "a writer stopped in the middle of a write (a hot journal is next to the file); "
                           "it is rolled back before checking")
        _roll_back_hot_journal(path)
    try:
        conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as err:
        report.add("problem", f"cannot be opened ({err})")
        return report
    try:
        try:
            problems = _integrity(conn)
        except sqlite3.DatabaseError as err:
            problems = [str(err)]
        if problems:
            for p in problems[:MAX_REPORTED]:
                report.add("problem", f"integrity: {p}")
            report.add("note", f"put a backup back with `workbench restore --project {shown(path)}`")
            _check_backups(report, list_backups(path))
            return report
        report.add("ok", "integrity_check: every page and every index is consistent")
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            tables = sorted({r[0] for r in fk})
            report.add("problem", f"{len(fk):,} row(s) refer to rows that do not exist (in {', '.join(tables)})")
        else:
            report.add("ok", "foreign keys: every reference points at an existing row")
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        table_names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "meta" not in table_names:
            report.add("problem", "this SQLite file holds no workbench project (no meta table)")
            return report
        if version > SCHEMA_VERSION:
            report.add("problem", f"schema {version} is newer than this workbench reads ({SCHEMA_VERSION}); update it")
            return report
        report.add("ok" if version == SCHEMA_VERSION else "note",
                   f"schema version {version}" + ("" if version == SCHEMA_VERSION else
                                                  f" (upgraded to {SCHEMA_VERSION} when next opened for writing)"))
        installed = guards_installed(conn)
        triggers = trigger_problems(conn, version, guards_installed=installed)
    finally:
        conn.close()
    lock_needed = (repair and (triggers or leftovers(path)))
    if triggers and not repair:
        for t in triggers:
            report.add("problem", f"history protection: {t}")
        report.add("note", f"`workbench check --project {shown(path)} --repair` puts the protection back")
    elif not triggers:
        report.add("ok", "history protection: the append-only triggers are in place"
                   + ("" if installed or version < 2 else " (the newer guards are added when next opened for writing)"))
    if lock_needed:
        conn = sqlite3.connect(f"file:{path.as_posix()}?mode=rw", uri=True, isolation_level=None,
                               timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError:
                raise ProjectBusyError(f"{path.name} is in use by another program; try the repair again later") from None
            try:
                if triggers:
                    put_back = install_guards(conn, version)
                    report.add("repaired", f"history protection put back: {', '.join(put_back)}")
                for left in sweep_leftovers(path):
                    report.add("repaired", f"removed {left.name}, left by a stopped backup, restore or export")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        finally:
            conn.close()
    else:
        for left in leftovers(path):
            report.add("note", f"{left.name} was left by a stopped backup, restore or export "
                               "(removed when the project is next opened for writing, or with --repair)")
    _check_backups(report, list_backups(path))
    kept = sorted(path.parent.glob(f"{path.name}.damaged-*"))
    if kept:
        report.add("note", f"{len(kept)} kept copy/copies of the project as it was before a restore "
                           f"({kept[-1].name}, ...): they may hold the only copy of recent work")
    return report


def _check_backups(report: CheckReport, backups: list) -> None:
    if not backups:
        report.add("note", "no automatic backups next to the project")
    for b in backups:
        try:
            conn = sqlite3.connect(f"file:{b.path.as_posix()}?mode=ro", uri=True)
            try:
                problems = _integrity(conn)
            finally:
                conn.close()
        except sqlite3.Error as err:
            problems = [str(err)]
        if problems:
            report.add("problem", f"backup {b.number} ({b.describe()}) is damaged: {problems[0][:120]}")
        else:
            report.add("ok", f"backup {b.number} ({b.describe()}) passes integrity_check")


__all__ = ["CheckReport", "check_project"]
