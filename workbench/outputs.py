"""Every file the workbench writes for a person goes through here: outputs never touch inputs.

An export, a brief, a rule file, a saved mapping, a sample workbook, an automatic backup:
each is written to a temporary file in the target's own folder and renamed over the target
only when complete, and only if the target is (still) a regular file that is not a
workbench project, one of its backups or journals, or a file the same command reads. A
mistyped ``--out project.wbproj`` is therefore refused (one ``error:`` line, exit code 2)
instead of replacing the project, and ``--out /dev/full`` never renames a file over a
device node.

The temporary file is next to the target, not in the system temp folder, so field data
never lands where other users or cleaners look, and a failed write removes it. A write that
was killed leaves a hidden ``.NAME.<random>.<pid>.part``; the next write to the same name
removes those whose process is gone. :func:`private_tempdir` points Python's ``tempfile``
(which openpyxl uses for its worksheet scratch files) at a hidden folder next to the target
for the duration of one write.

Hand-written: the standard library offers ``tempfile`` and ``os.replace``; the checks of
what a target really is (``lstat``, the SQLite header, names of backups and journals) are
the workbench's own rules.
"""

from __future__ import annotations

import gc
import os
import re
import shutil
import stat
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.inputs import kind_of, os_reason, path_problem, shown
from workbench.store.files import holds_project_tables

SQLITE_MAGIC = b"SQLite format 3\x00"
#: Names the store gives a project's companions: backups, their temporary copies, journals,
#: kept damaged copies (see ``workbench.store.backup``) - never an output's name.
_COMPANION = re.compile(
    r"""^\..+\.backup-(\d+|tmp)(\..*)?$        # .P.wbproj.backup-1, .P.wbproj.backup-tmp...
      | ^.+-(journal|wal|shm)$                  # SQLite's journal and WAL files
      | ^\.?.+\.damaged-[^/]*$                  # P.wbproj.damaged-20260101-120000-...
      | ^\..+\.(restore|checkout)-tmp$          # temporary copies of a project
    """,
    re.VERBOSE,
)
#: Leftover temporary files older than this are removed where the process cannot be checked.
STALE_SECONDS = 24 * 3600
_PREFIX_CHARS = 100  # keeps ".NAME.<random>.<pid>.part" under the 255-byte name limit


class OutputRefused(WorkbenchError):
    """The target of a write is not a place the workbench may write (exit code 2)."""

    exit_code = 2


def _is_sqlite_file(path: Path) -> bool:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        return os.read(fd, len(SQLITE_MAGIC)) == SQLITE_MAGIC
    finally:
        os.close(fd)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def check_output_target(target: str | os.PathLike[str], *, inputs: Iterable[object] = (),
                        what: str = "output") -> Path:
    """Where a write to ``target`` really goes (a symbolic link is followed), or :class:`OutputRefused`.

    Refused: a path too long to use; a folder that does not exist; a target that exists and
    is not a regular file (folder, device, named pipe, socket); a project or any SQLite
    database; a name the store uses for a project's backups, journals or kept copies; and
    any of ``inputs`` (paths this command reads, e.g. its project or its input files).
    """
    target = Path(target)
    problem = path_problem(target)
    if problem:
        raise OutputRefused(f"cannot write the {what} {shown(target)}: the path {problem}")
    if target.name in ("", ".", ".."):
        raise OutputRefused(f"cannot write the {what} {shown(target)}: it names a folder, not a file")
    real = Path(os.path.realpath(target)) if target.is_symlink() else target
    name = real.name
    if _COMPANION.match(name):
        raise OutputRefused(f"cannot write the {what} to {shown(target)}: that name is kept for a project's "
                            "automatic backups, journals and damaged copies; choose another name")
    try:
        st = os.stat(real)
    except FileNotFoundError:
        st = None
    except OSError as err:
        raise OutputRefused(f"cannot write the {what} {shown(target)}: {os_reason(err)}") from None
    parent = real.parent
    if st is None and not parent.is_dir():
        raise OutputRefused(f"cannot write the {what} {shown(target)}: the folder {shown(parent)} does not exist")
    for source in inputs:
        if source is None or (isinstance(source, str) and "://" in source):
            continue
        if _same_file(real, Path(source)):  # type: ignore[arg-type]
            raise OutputRefused(f"cannot write the {what} to {shown(target)}: that file is what this command "
                                "reads; choose another name")
    if st is not None:
        if not stat.S_ISREG(st.st_mode):
            raise OutputRefused(f"cannot write the {what} to {shown(target)}: it is {kind_of(st.st_mode)}, "
                                "not a regular file")
        if _is_sqlite_file(real):
            kind = "a workbench project" if holds_project_tables(real) else "a database file"
            raise OutputRefused(f"cannot write the {what} to {shown(target)}: it is {kind}, which the "
                                "output would replace; choose another name")
    return real


def _pid_alive(pid: int) -> bool:
    if os.name == "nt":  # os.kill(pid, 0) would terminate the process on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def is_stale(path: Path, pid: int) -> bool:
    """Whether a temporary file named for process ``pid`` was left by a process that is gone
    (where that cannot be asked, as on Windows: older than :data:`STALE_SECONDS`)."""
    if pid != os.getpid() and not _pid_alive(pid):
        return True
    try:
        age = time.time() - os.lstat(path).st_mtime
    except OSError:
        return False
    return os.name == "nt" and age >= STALE_SECONDS


_LEFTOVER = re.compile(r"^\.(?P<stem>.+)\.[^.]+\.(?P<pid>\d+)\.(part|tmpdir)$")


def temp_prefix(real: Path) -> str:
    """How the temporary files of writes to ``real`` begin (``.NAME.``, the name cut so that
    ``.NAME.<random>.<pid>.part`` stays under the 255-byte name limit)."""
    return f".{real.name[:_PREFIX_CHARS]}."


def temp_files_of(real: Path) -> list[tuple[Path, int]]:
    """The temporary files and scratch folders writes to ``real`` made beside it
    (``.NAME.<random>.<pid>.part`` or ``.tmpdir``), each with the process it is named for."""
    stem = real.name[:_PREFIX_CHARS]
    try:
        entries = list(os.scandir(real.parent))
    except OSError:
        return []
    found = []
    for entry in entries:
        m = _LEFTOVER.match(entry.name)
        if m and m.group("stem") == stem:
            found.append((Path(entry.path), int(m.group("pid"))))
    return found


def remove_temp(path: Path) -> bool:
    """Remove a temporary file, or a scratch folder with what it holds (never through a link)."""
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink()
    except OSError:
        return False
    return True


def sweep_leftovers(real: Path) -> list[Path]:
    """Remove temporary files of earlier writes to ``real`` whose process is gone; returns them."""
    return [path for path, pid in temp_files_of(real) if is_stale(path, pid) and remove_temp(path)]


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _new_file_mode(real: Path) -> int:
    try:
        return stat.S_IMODE(os.stat(real).st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def os_error_in(err: BaseException) -> OSError | None:
    """The operating-system error behind ``err``: writers such as xlsxwriter wrap a full disk
    in their own exception types."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [err]
    while todo:
        e = todo.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        if isinstance(e, OSError):
            return e
        todo += [e.__cause__, e.__context__, *(a for a in e.args if isinstance(a, BaseException))]
    return None


def discard_failed_writer(err: BaseException) -> None:
    """Release what a failed writer still holds, quietly.

    On a full disk openpyxl and xlsxwriter leave a ``ZipFile`` open in their finished frames;
    when it is collected later its ``__del__`` fails to flush and Python prints "Exception
    ignored in ..." with a traceback after the one ``error:`` line. The frames of the failed
    call are cleared and collected now, with that printing switched off.
    """
    hook = sys.unraisablehook
    sys.unraisablehook = lambda *_args: None
    try:
        seen: set[int] = set()
        e: BaseException | None = err
        while e is not None and id(e) not in seen:
            seen.add(id(e))
            traceback.clear_frames(e.__traceback__)
            e = e.__context__
        gc.collect()
    finally:
        sys.unraisablehook = hook


def replace_into(produced: Path, target: str | os.PathLike[str], *, inputs: Iterable[object] = (),
                 what: str = "output") -> Path:
    """Move a complete file ``produced`` (in the target's folder) over ``target``, after the checks."""
    real = check_output_target(target, inputs=inputs, what=what)
    try:
        os.chmod(produced, _new_file_mode(real))
        os.replace(produced, real)
    except OSError as err:
        raise OutputRefused(f"could not write the {what} {shown(target)}: {os_reason(err)}; nothing was written") from None
    _fsync_dir(real.parent)
    return real


@contextmanager
def atomic_output(target: str | os.PathLike[str], *, inputs: Iterable[object] = (),
                  what: str = "output") -> Iterator[Path]:
    """A temporary path next to ``target``; renamed over it only if the block completes.

    The target is checked before (:func:`check_output_target`) and again just before the
    rename. Any failure removes the temporary file; an operating-system error (a full disk,
    a read-only medium) becomes one :class:`OutputRefused` line saying nothing was written.
    """
    inputs = list(inputs)
    real = check_output_target(target, inputs=inputs, what=what)
    sweep_leftovers(real)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=temp_prefix(real), suffix=f".{os.getpid()}.part",
                                        dir=real.parent)
        os.close(fd)
    except OSError as err:
        raise OutputRefused(f"could not write the {what} {shown(target)}: {os_reason(err)}; nothing was written") from None
    tmp = Path(tmp_name)
    failure: OutputRefused | None
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        replace_into(tmp, target, inputs=inputs, what=what)
    except WorkbenchError:
        raise
    except Exception as err:  # noqa: BLE001 - only an operating-system error is translated
        cause = os_error_in(err)
        if cause is None:
            raise
        failure = OutputRefused(f"could not write the {what} {shown(target)}: {os_reason(cause)}; "
                                "nothing was written")
        discard_failed_writer(err)
    else:
        failure = None
    finally:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
    if failure is not None:
        raise failure  # outside the handler: the failed writer's frames are not kept alive


def write_text_output(target: str | os.PathLike[str], text: str, *, inputs: Iterable[object] = (),
                      what: str = "output", encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``target`` through :func:`atomic_output`."""
    with atomic_output(target, inputs=inputs, what=what) as tmp:
        with open(tmp, "w", encoding=encoding, newline="") as fh:
            fh.write(text)
    return Path(target)


_TEMPDIR_LOCK = threading.RLock()


@contextmanager
def private_tempdir(near: str | os.PathLike[str]) -> Iterator[Path]:
    """Point Python's ``tempfile`` at a hidden folder next to ``near`` for one write.

    Writers such as openpyxl keep every worksheet in a scratch file from ``tempfile`` while
    they save; by default that is the system temp folder, where a killed brief would leave
    district names and notes behind. The folder is removed afterwards (a killed process's
    folder is removed by the next write to the same name). ``tempfile.tempdir`` is one
    process-wide setting, so writers take turns (a lock).
    """
    real = Path(os.path.realpath(near))
    try:
        scratch = Path(tempfile.mkdtemp(prefix=temp_prefix(real), suffix=f".{os.getpid()}.tmpdir",
                                        dir=real.parent))
    except OSError as err:
        raise OutputRefused(f"could not write {shown(near)}: {os_reason(err)}; nothing was written") from None
    with _TEMPDIR_LOCK:  # one process-wide setting: one writer at a time may move it
        saved = tempfile.tempdir
        tempfile.tempdir = str(scratch)
        try:
            yield scratch
        finally:
            tempfile.tempdir = saved
            shutil.rmtree(scratch, ignore_errors=True)


__all__ = ["OutputRefused", "atomic_output", "check_output_target", "private_tempdir", "replace_into",
           "remove_temp", "sweep_leftovers", "temp_files_of", "temp_prefix",
           "write_text_output"]
