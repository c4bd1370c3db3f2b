"""Automatic backups of a project, and putting one back after damage.

Before an import, a model run or a merge writes, the store copies the project with
SQLite's online backup API into a hidden file next to it, ``.<name>.backup-1`` (the
newest) … ``.<name>.backup-3`` (the oldest kept). Next to the project, because that is
where a person looks for it and because the backups then travel and vanish with the
project (no copy of field data is left behind on a laptop it was not meant for). The copy
is written under a unique temporary name and renamed into place, so a kill part-way never
leaves a half backup under a backup's name. A backup that cannot be written (a full disk,
a read-only folder, a folder where a backup should be) stops the write with one line saying
why: a run on a nearly full disk never goes ahead silently without its backup.

Restoring holds the project's write lock from start to end (an SQLite connection that
took it like any writer and keeps it in exclusive locking mode): the project as it is - the state being replaced, with every
committed event - is first copied aside to ``<name>.damaged-<time>-<pid>-<random>`` (a
unique name: two restores in one second never share it), then the backup is copied *into*
the project file by SQLite's backup API as one journaled transaction. No other program can
commit in between, a kill part-way is rolled back by the journal, and a program that had
the project open sees the restored content on its next read (the project is never renamed
away under it). Only a file SQLite cannot read at all (its header destroyed) is replaced by
renaming a copy of the backup over it; nobody can be writing to such a file.

Temporary files of a killed backup or restore are removed the next time the project is
opened for writing (:func:`sweep_leftovers`, under the write lock).
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import shutil
import sqlite3
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import ProjectBusyError, ProjectError
from workbench.inputs import kind_of, os_reason, path_problem, shown
from workbench.outputs import is_stale, remove_temp, temp_files_of, temp_prefix

KEEP = 3
#: A backup also needs room for SQLite's own overhead and the rename: ask for this much more.
BACKUP_SPACE_MARGIN = 1.05
BACKUP_SPACE_EXTRA = 256 * 1024
LOCK_TIMEOUT_S = 10.0


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
    """The automatic backups of a project, newest first (regular files only)."""
    project_path = Path(project_path)
    out = []
    for n in range(1, KEEP + 1):
        p = backup_path(project_path, n)
        try:
            st = os.stat(p)
        except (OSError, ValueError):
            continue
        if not stat.S_ISREG(st.st_mode):
            continue
        out.append(Backup(p, n, dt.datetime.fromtimestamp(st.st_mtime, dt.timezone.utc)))
    return out


# -- leftovers ---------------------------------------------------------------------------------
def leftovers(project_path: Path) -> list[Path]:
    """Temporary copies a killed backup, restore or export left next to the project."""
    return [path for path, _pid in _named_leftovers(project_path)]


def _named_leftovers(project_path: Path) -> list[tuple[Path, int | None]]:
    """:func:`leftovers`, each with the process its name carries (None: a fixed name)."""
    stem = project_path.name
    fixed = [project_path.parent / f".{stem}.{kind}" for kind in ("backup-tmp", "restore-tmp", "backup-tmp-journal")]
    named: list[tuple[Path, int | None]] = [(path, None) for path in fixed if os.path.lexists(path)]
    return named + list(temp_files_of(project_path))


def sweep_leftovers(project_path: Path) -> list[Path]:
    """Remove :func:`leftovers` of processes that are gone. Call it holding the write lock:
    then no backup or restore of this project can be under way."""
    removed = []
    for path, pid in _named_leftovers(project_path):
        if pid is not None and (pid == os.getpid() or not is_stale(path, pid)):
            continue  # a running program's file (this one's included) is never touched
        if remove_temp(path):
            removed.append(path)
    return removed


def _temp_next_to(project_path: Path, kind: str) -> Path:
    """A new, unique, hidden temporary file next to the project (``.<name>.<kind>-XXXX.<pid>.part``)."""
    fd, name = tempfile.mkstemp(prefix=f"{temp_prefix(project_path)}{kind}-", suffix=f".{os.getpid()}.part",
                                dir=project_path.parent)
    os.close(fd)
    return Path(name)


def _why(err: BaseException) -> str:
    if isinstance(err, OSError):
        return os_reason(err)
    name = getattr(err, "sqlite_errorname", "") or ""
    if name.startswith("SQLITE_FULL"):
        return "the disk is full"
    if name.startswith("SQLITE_READONLY") or name.startswith("SQLITE_CANTOPEN"):
        return "the folder cannot be written (read-only medium or permissions)"
    return str(err)


def _backup_failed(project_path: Path, why: str) -> ProjectError:
    if not project_path.parent.exists() or not project_path.exists():
        return ProjectError(f"could not save {project_path.name}: its folder {project_path.parent} is no longer "
                            "there (a USB stick or network share removed?); reconnect it and try again; "
                            "nothing was written")
    hint = "free some space and try again" if "full" in why else "fix that and try again"
    return ProjectError(f"could not save {project_path.name}: {why}; {hint}; nothing was written")


def _check_backup_slots(project_path: Path) -> None:
    """Every backup name is free or a regular file: a folder, a pipe or a device there is refused."""
    for n in range(1, KEEP + 1):
        p = backup_path(project_path, n)
        try:
            st = os.lstat(p)
        except FileNotFoundError:
            continue
        if not (stat.S_ISREG(st.st_mode) or stat.S_ISLNK(st.st_mode)):
            raise _backup_failed(project_path, f"{p.name}, where its automatic backup goes, is {kind_of(st.st_mode)}; "
                                               "move it away")


def _check_space(project_path: Path) -> None:
    try:
        size = os.stat(project_path).st_size
        free = shutil.disk_usage(project_path.parent).free
    except OSError:
        return
    need = int(size * BACKUP_SPACE_MARGIN) + BACKUP_SPACE_EXTRA
    if free < need:
        raise _backup_failed(project_path, f"the disk is full (its automatic backup needs {need / 1e6:,.1f} MB, "
                                           f"{free / 1e6:,.1f} MB are free)")


def take_backup(project_path: Path) -> Path:
    """Copy the project to ``.<name>.backup-1``, shifting older backups down.

    Called by the writer right after its ``BEGIN IMMEDIATE`` and before it changes
    anything, so the copy is exactly the state the write starts from (no other program can
    write in between). The copy is read through a second, read-only connection: SQLite
    refuses to back up through a connection that holds a write transaction. Raises
    :class:`ProjectError` (the write does not happen) when no backup can be written.
    """
    sweep_leftovers(project_path)
    _check_backup_slots(project_path)
    _check_space(project_path)
    tmp: Path | None = None
    try:
        tmp = _temp_next_to(project_path, "backup")
        src = sqlite3.connect(f"file:{project_path.as_posix()}?mode=ro", uri=True)
        dest = sqlite3.connect(tmp, isolation_level=None)
        try:
            dest.execute("PRAGMA journal_mode = OFF")  # a scratch copy: nothing to roll back
            src.backup(dest)
        finally:
            dest.close()
            src.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        for n in range(KEEP, 1, -1):
            older = backup_path(project_path, n - 1)
            if os.path.lexists(older):
                os.replace(older, backup_path(project_path, n))
        newest = backup_path(project_path, 1)
        os.replace(tmp, newest)
        tmp = None
        return newest
    except (OSError, sqlite3.Error) as err:
        why = _why(err)
        raise _backup_failed(project_path, why if "full" in why else
                             f"its automatic backup could not be written ({why})") from None
    finally:
        if tmp is not None:
            try:
                tmp.unlink(missing_ok=True)
            except OSError:
                pass


# -- restore -----------------------------------------------------------------------------------
def _aside_name(project_path: Path) -> Path:
    """``<name>.damaged-<UTC time>-<pid>-<random>``: unique even for two restores in one second."""
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d-%H%M%S")
    while True:
        p = project_path.with_name(f"{project_path.name}.damaged-{stamp}-{os.getpid()}-{secrets.token_hex(3)}")
        if not os.path.lexists(p):
            return p


def _publish(tmp: Path, final: Path) -> None:
    """Rename a complete temporary file to a name nobody else can have taken meanwhile."""
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    try:
        os.link(tmp, final)  # fails if ``final`` exists: never overwrites another copy
        os.unlink(tmp)
    except OSError:
        if os.path.lexists(final):
            raise
        os.replace(tmp, final)  # a file system without hard links (FAT on a USB stick)


class _ProjectLock:
    """The project's write lock held from start to end: an SQLite connection that takes the
    write lock the ordinary way (``BEGIN IMMEDIATE``, waiting its turn behind other writers)
    and switches to exclusive locking mode before that transaction ends, after which SQLite
    keeps the lock until the connection closes (readers and writers wait; the file is not
    changed by taking it).

    The order matters: in exclusive mode *before* ``BEGIN``, the connection's first read
    would keep a shared lock for good and a writer already in its transaction could never
    commit (it fails after its busy timeout)."""

    def __init__(self, project_path: Path) -> None:
        self.conn: sqlite3.Connection | None = None
        conn = sqlite3.connect(f"file:{project_path.as_posix()}?mode=rw", uri=True, isolation_level=None,
                               timeout=LOCK_TIMEOUT_S, check_same_thread=False)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            conn.execute("COMMIT")
        except sqlite3.OperationalError as err:
            conn.close()
            if "locked" in str(err).lower() or "busy" in str(err).lower():
                raise ProjectBusyError(
                    f"{project_path.name} is in use by another program (another window or a command); "
                    "close it or wait for it to finish, then restore") from None
            raise
        except sqlite3.Error:
            conn.close()
            raise
        self.conn = conn

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def restore_backup(project_path: str | Path, number: int = 1) -> tuple[Path, Path | None]:
    """Put backup ``number`` in place of the project; the replaced state is kept aside.

    Returns ``(backup used, where the replaced project now is)``. Nothing is deleted: the
    project as it was is copied to ``<name>.damaged-<time>-<pid>-<random>`` first.
    """
    project_path = Path(project_path)
    problem = path_problem(project_path)
    if problem:
        raise ProjectError(f"the project path {shown(project_path)} {problem}")
    if project_path.exists() and not project_path.is_file():  # a pipe would hang SQLite's open
        raise ProjectError(f"{shown(project_path)} is {kind_of(os.stat(project_path).st_mode)}, not a project file")
    lock: _ProjectLock | None = None
    if project_path.exists():
        try:
            lock = _ProjectLock(project_path)
        except ProjectBusyError:
            raise
        except sqlite3.Error:
            lock = None  # not readable as a database at all: replaced by a rename below
    try:
        chosen = next((b for b in list_backups(project_path) if b.number == number), None)
        if chosen is None:
            have = ", ".join(str(b.number) for b in list_backups(project_path)) or "none"
            raise ProjectError(
                f"there is no automatic backup {number} of {project_path.name} (backups present: {have})"
            )
        _check_backup(chosen.path)
        if lock is not None:
            sweep_leftovers(project_path)
        try:
            if lock is not None and lock.conn is not None:
                aside: Path | None = _restore_in_place(project_path, chosen.path, lock.conn)
            else:
                aside = _restore_by_rename(project_path, chosen.path)
        except (OSError, sqlite3.Error) as err:
            raise ProjectError(f"could not restore {project_path.name}: {_why(err)}; the project was left as it was") from None
        return chosen.path, aside
    finally:
        if lock is not None:
            lock.close()


def _restore_in_place(project_path: Path, backup: Path, conn: sqlite3.Connection) -> Path:
    """Under the held lock: copy the project aside, then the backup into the project."""
    aside = _aside_name(project_path)
    tmp = _temp_next_to(project_path, "damaged")
    try:
        dest = sqlite3.connect(tmp, isolation_level=None)
        try:
            dest.execute("PRAGMA journal_mode = OFF")
            conn.backup(dest)  # page by page: a damaged page is copied as it is, never parsed
        finally:
            dest.close()
        _publish(tmp, aside)
    finally:
        tmp.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{backup.as_posix()}?mode=ro", uri=True)
    try:
        src.backup(conn)  # one journaled transaction on the project, under the lock we hold
    finally:
        src.close()
    return aside


def _restore_by_rename(project_path: Path, backup: Path) -> Path | None:
    """For a file SQLite cannot open at all: keep its bytes (and any journal) aside, rename a copy
    of the backup over it."""
    aside: Path | None = None
    tmp = _temp_next_to(project_path, "restore")
    try:
        shutil.copyfile(backup, tmp)
        if project_path.exists():
            aside = _aside_name(project_path)
            raw = _temp_next_to(project_path, "damaged")
            try:
                shutil.copyfile(project_path, raw)
                _publish(raw, aside)
            finally:
                raw.unlink(missing_ok=True)
        journal = project_path.with_name(project_path.name + "-journal")
        if journal.exists() and aside is not None:
            # The old file's journal must never be rolled back into the restored one.
            os.replace(journal, aside.with_name(aside.name + "-journal"))
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, project_path)
    finally:
        tmp.unlink(missing_ok=True)
    return aside


def _check_backup(path: Path) -> None:
    """Refuse to restore a backup that is itself damaged (a full ``integrity_check``)."""
    try:
        conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
        try:
            problems = [r[0] for r in conn.execute("PRAGMA integrity_check(3)").fetchall()]
        finally:
            conn.close()
    except sqlite3.Error as err:
        raise ProjectError(f"the backup {path.name} cannot be read ({err})") from None
    if problems != ["ok"]:
        detail = " ".join(problems[0].split())[:120]
        raise ProjectError(f"the backup {path.name} is damaged too ({detail}); try an older one with --backup")
