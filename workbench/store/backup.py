"""Automatic backups of a project, and putting one back after damage.

Before an import, a model run or a merge writes, the store copies the project with
SQLite's online backup API into a hidden file next to it, ``.<name>.backup-1`` (the
newest) … ``.<name>.backup-3`` (the oldest kept). Next to the project, because that is
where a person looks for it and because the backups then travel and vanish with the
project (no copy of field data is left behind on a laptop it was not meant for). The copy
is written under a temporary name and renamed into place, so a kill part-way never leaves
a half backup under a backup's name. A backup that cannot be written (read-only folder,
full disk) does not stop the work: the write itself is still atomic.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import ProjectError

KEEP = 3


@dataclass(frozen=True)
class Backup:
    """One automatic backup: where it is and when it was taken (UTC, from the file's time)."""

    path: Path
    number: int
    taken_at: dt.datetime

    def describe(self) -> str:
        return f"{self.taken_at:%Y-%m-%d %H:%M} UTC"


def backup_path(project_path: Path, number: int) -> Path:
    return project_path.with_name(f".{project_path.name}.backup-{number}")


def list_backups(project_path: str | Path) -> list[Backup]:
    """The automatic backups of a project, newest first."""
    project_path = Path(project_path)
    out = []
    for n in range(1, KEEP + 1):
        p = backup_path(project_path, n)
        try:
            mtime = p.stat().st_mtime
        except OSError:
            continue
        out.append(Backup(p, n, dt.datetime.fromtimestamp(mtime, dt.timezone.utc)))
    return out


def take_backup(project_path: Path) -> Path | None:
    """Copy the project to ``.<name>.backup-1``, shifting older backups down.

    Called by the writer right after its ``BEGIN IMMEDIATE`` and before it changes
    anything, so the copy is exactly the state the write starts from (no other program can
    write in between). The copy is read through a second, read-only connection: SQLite
    refuses to back up through a connection that holds a write transaction. Returns
    ``None`` when no backup could be written.
    """
    tmp = project_path.with_name(f".{project_path.name}.backup-tmp")
    try:
        src = sqlite3.connect(f"file:{project_path.as_posix()}?mode=ro", uri=True)
        dest = sqlite3.connect(tmp, isolation_level=None)
        try:
            dest.execute("PRAGMA journal_mode = OFF")  # a scratch copy: nothing to roll back
            src.backup(dest)
        finally:
            dest.close()
            src.close()
        for n in range(KEEP, 1, -1):
            older = backup_path(project_path, n - 1)
            if older.exists():
                os.replace(older, backup_path(project_path, n))
        newest = backup_path(project_path, 1)
        os.replace(tmp, newest)
        return newest
    except (OSError, sqlite3.Error):
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        return None


def restore_backup(project_path: str | Path, number: int = 1) -> tuple[Path, Path | None]:
    """Put backup ``number`` in place of the project; the replaced file is kept aside.

    Returns ``(backup used, where the replaced project now is)``. Nothing is deleted: a
    damaged project is copied to ``<name>.damaged-<time>`` so that it can still be examined.
    """
    project_path = Path(project_path)
    chosen = next((b for b in list_backups(project_path) if b.number == number), None)
    if chosen is None:
        have = ", ".join(str(b.number) for b in list_backups(project_path)) or "none"
        raise ProjectError(
            f"there is no automatic backup {number} of {project_path.name} (backups present: {have})"
        )
    _check_backup(chosen.path)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d-%H%M%S")
    aside: Path | None = None
    tmp = project_path.with_name(f".{project_path.name}.restore-tmp")
    try:
        shutil.copyfile(chosen.path, tmp)
        if project_path.exists():
            # A copy, not a rename: the project's name never points at nothing, even if
            # this is killed half-way.
            aside = project_path.with_name(f"{project_path.name}.damaged-{stamp}")
            shutil.copyfile(project_path, aside)
        journal = project_path.with_name(project_path.name + "-journal")
        if journal.exists():
            # The old file's journal must never be rolled back into the restored one.
            os.replace(journal, project_path.with_name(f"{project_path.name}.damaged-{stamp}-journal"))
        os.replace(tmp, project_path)
    except OSError as err:
        raise ProjectError(f"could not restore {project_path.name}: {err.strerror or err}") from None
    return chosen.path, aside


def _check_backup(path: Path) -> None:
    """Refuse to restore a backup that is itself damaged."""
    try:
        conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as err:
        raise ProjectError(f"the backup {path.name} cannot be read ({err})") from None
    if ok != "ok":
        raise ProjectError(f"the backup {path.name} is damaged too ({ok}); try an older one with --backup")
